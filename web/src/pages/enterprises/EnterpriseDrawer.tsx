import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  creditCodeCheckCharacter,
  creditCodeProblem,
  type EnterpriseScale,
  type EnterpriseTag,
  enterpriseScaleLabels,
  enterpriseScales,
  enterpriseTagLabels,
  enterpriseTags,
  type ProjectStage,
  projectStageLabels,
  projectStages,
} from '@f2f/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Checkbox, DatePicker, Drawer, Form, Grid, Input, Select, Spin } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { api, isApiError, unwrap } from '../../api/client.ts';
import { keys } from '../../api/queries.ts';
import type { CreateEnterpriseInput, Enterprise, UpdateEnterpriseInput } from '../../api/types.ts';
import { useShowError } from '../../api/useShowError.ts';
import { ConflictAlert } from '../../components/ConflictAlert.tsx';
import { RegionSelect } from '../../components/OrgSelects.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { PHONE } from '../account/ProfileForm.tsx';
import '../appeals/appeals.css';

interface ContactValues {
  name?: string;
  title?: string;
  phone?: string;
  email?: string;
}

interface StageValues {
  planned?: Dayjs | null;
  actual?: Dayjs | null;
  note?: string;
}

interface Values {
  name: string;
  creditCode: string;
  regionId: string;
  industry?: string;
  address?: string;
  legalRepresentative?: string;
  scale?: EnterpriseScale | null;
  tags: EnterpriseTag[];
  isProject: boolean;
  contacts: ContactValues[];
  stages: Partial<Record<ProjectStage, StageValues>>;
}

type Body = CreateEnterpriseInput;

const MAX_CONTACTS = 10;
const blankToNull = (value: string | undefined | null) => value?.trim() || null;
const dateOrNull = (value: Dayjs | null | undefined) => (value ? value.format('YYYY-MM-DD') : null);

function valuesOf(enterprise: Enterprise | null): Partial<Values> {
  if (!enterprise) return { tags: [], isProject: false, contacts: [], stages: {} };
  return {
    name: enterprise.name,
    creditCode: enterprise.creditCode,
    regionId: enterprise.regionId,
    industry: enterprise.industry ?? undefined,
    address: enterprise.address ?? undefined,
    legalRepresentative: enterprise.legalRepresentative ?? undefined,
    scale: enterprise.scale,
    tags: enterprise.tags,
    isProject: enterprise.isProject,
    contacts: enterprise.contacts.map((contact) => ({
      name: contact.name,
      title: contact.title ?? undefined,
      phone: contact.phone ?? undefined,
      email: contact.email ?? undefined,
    })),
    stages: Object.fromEntries(
      enterprise.stages.map((stage) => [
        stage.stage,
        {
          planned: stage.plannedDate ? dayjs(stage.plannedDate) : null,
          actual: stage.actualDate ? dayjs(stage.actualDate) : null,
          note: stage.note ?? undefined,
        },
      ]),
    ),
  };
}

/** The request body of the form's values, in the server's canonical order. */
function bodyOf(values: Values): Body {
  const stages = values.isProject
    ? projectStages
        .map((stage) => {
          const row = values.stages?.[stage];
          return {
            stage,
            plannedDate: dateOrNull(row?.planned),
            actualDate: dateOrNull(row?.actual),
            note: blankToNull(row?.note),
          };
        })
        .filter((row) => row.plannedDate || row.actualDate || row.note)
    : [];
  return {
    name: values.name.trim(),
    creditCode: values.creditCode.trim().toUpperCase(),
    regionId: values.regionId,
    industry: blankToNull(values.industry),
    address: blankToNull(values.address),
    legalRepresentative: blankToNull(values.legalRepresentative),
    scale: values.scale ?? null,
    tags: enterpriseTags.filter((tag) => values.tags?.includes(tag)),
    isProject: values.isProject,
    contacts: (values.contacts ?? []).map((contact) => ({
      name: contact.name?.trim() ?? '',
      title: blankToNull(contact.title),
      phone: blankToNull(contact.phone),
      email: blankToNull(contact.email),
    })),
    stages,
  };
}

/** Only the fields that differ from the record: a collector may change some fields, not all. */
function changesOf(next: Body, current: Body): Omit<UpdateEnterpriseInput, 'version'> {
  const changes: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(next)) {
    if (JSON.stringify(value) !== JSON.stringify(current[field as keyof Body])) changes[field] = value;
  }
  return changes as Omit<UpdateEnterpriseInput, 'version'>;
}

interface Props {
  open: boolean;
  /** The enterprise to edit, or null to register a new one. */
  enterpriseId: string | null;
  onClose: () => void;
  onSaved?: (enterprise: Enterprise) => void;
}

/** Registers or edits an enterprise: identity, classification, contacts and project stages. */
export function EnterpriseDrawer({ open, enterpriseId, onClose, onSaved }: Props) {
  const { t, label } = useI18n();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const showError = useShowError();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const [conflict, setConflict] = useState(false);
  const isProject = Form.useWatch('isProject', form);

  const existing = useQuery({
    queryKey: [...keys.enterprises, 'one', enterpriseId],
    queryFn: () => unwrap(api.GET('/api/enterprises/{id}', { params: { path: { id: enterpriseId ?? '' } } })),
    enabled: open && enterpriseId !== null,
  });
  const enterprise = enterpriseId ? (existing.data ?? null) : null;
  const loaded = enterpriseId === null || existing.data !== undefined;

  // biome-ignore lint/correctness/useExhaustiveDependencies: fill once per opened record
  useEffect(() => {
    if (!open || !loaded) return;
    form.resetFields();
    form.setFieldsValue(valuesOf(enterprise));
    setConflict(false);
  }, [open, enterpriseId, loaded]);

  const save = useMutation({
    mutationFn: (values: Values) => {
      const body = bodyOf(values);
      if (!enterprise) return unwrap(api.POST('/api/enterprises', { body }));
      const current = bodyOf({ ...(valuesOf(enterprise) as Values) });
      return unwrap(
        api.PATCH('/api/enterprises/{id}', {
          params: { path: { id: enterprise.id } },
          body: { ...changesOf(body, current), version: enterprise.version },
        }),
      );
    },
    onSuccess: async (saved) => {
      message.success(enterprise ? t('common.saved') : t('enterprise.created', { name: saved.name }));
      await queryClient.invalidateQueries({ queryKey: keys.enterprises });
      onSaved?.(saved);
      onClose();
    },
    onError: async (error) => {
      if (isApiError(error, 'request.conflict')) {
        setConflict(true);
        await queryClient.invalidateQueries({ queryKey: keys.enterprises });
        return;
      }
      showError(error, { form, fields: { 'enterprise.credit_code_taken': 'creditCode' } });
    },
  });

  const creditCodeRule = {
    validator: (_: unknown, value: string | undefined) => {
      const code = value?.trim().toUpperCase() ?? '';
      if (!code) return Promise.resolve();
      const problem = creditCodeProblem(code);
      if (problem === 'length') return Promise.reject(new Error(t('enterprise.creditCode.length')));
      if (problem === 'characters') return Promise.reject(new Error(t('enterprise.creditCode.characters')));
      if (problem === 'checkCharacter') {
        const expected = creditCodeCheckCharacter(code.slice(0, 17)) ?? '';
        return Promise.reject(new Error(t('enterprise.creditCode.check', { expected })));
      }
      return Promise.resolve();
    },
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={
        enterprise ? t('enterprise.edit.title', { name: enterprise.name }) : t('enterprise.create.title')
      }
      size={screens.md ? 720 : '100%'}
      destroyOnHidden
      footer={
        <div className="drawer-footer">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} disabled={!loaded} onClick={() => form.submit()}>
            {t('common.save')}
          </Button>
        </div>
      }
    >
      {conflict ? (
        <ConflictAlert
          onReload={() => {
            form.setFieldsValue(valuesOf(enterprise));
            setConflict(false);
          }}
        />
      ) : null}
      {!loaded ? (
        <div className="page-spin" role="status">
          <Spin />
          <span className="visually-hidden">{t('common.loading')}</span>
        </div>
      ) : (
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={(values) => save.mutate(values)}
          scrollToFirstError
        >
          <fieldset className="form-section">
            <legend>{t('enterprise.section.identity')}</legend>
            <Form.Item
              label={t('enterprise.name')}
              name="name"
              rules={[
                { required: true, whitespace: true },
                { min: 2, max: 100 },
              ]}
            >
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item
              label={t('enterprise.creditCode')}
              name="creditCode"
              extra={t('enterprise.creditCode.help')}
              normalize={(value: string) => value.toUpperCase().replace(/\s/g, '')}
              validateDebounce={300}
              rules={[{ required: true }, creditCodeRule]}
            >
              <Input maxLength={18} autoComplete="off" spellCheck={false} className="code-text" />
            </Form.Item>
            <Form.Item label={t('enterprise.region')} name="regionId" rules={[{ required: true }]}>
              <RegionSelect />
            </Form.Item>
            <div className="form-grid">
              <Form.Item label={t('enterprise.industry')} name="industry" rules={[{ max: 60 }]}>
                <Input maxLength={60} />
              </Form.Item>
              <Form.Item
                label={t('enterprise.legalRepresentative')}
                name="legalRepresentative"
                rules={[{ max: 40 }]}
              >
                <Input maxLength={40} />
              </Form.Item>
            </div>
            <Form.Item label={t('enterprise.address')} name="address" rules={[{ max: 200 }]}>
              <Input maxLength={200} />
            </Form.Item>
          </fieldset>
          <fieldset className="form-section">
            <legend>{t('enterprise.section.classification')}</legend>
            <Form.Item label={t('enterprise.scale')} name="scale">
              <Select<EnterpriseScale>
                allowClear
                placeholder={t('enterprise.scale.none')}
                options={enterpriseScales.map((value) => ({
                  value,
                  label: label(enterpriseScaleLabels[value]),
                }))}
              />
            </Form.Item>
            <Form.Item label={t('enterprise.tags')} name="tags">
              <Checkbox.Group
                className="tag-checks"
                options={enterpriseTags.map((value) => ({ value, label: label(enterpriseTagLabels[value]) }))}
              />
            </Form.Item>
            <Form.Item name="isProject" valuePropName="checked">
              <Checkbox>{t('enterprise.isProject.long')}</Checkbox>
            </Form.Item>
          </fieldset>
          {isProject ? (
            <fieldset className="form-section">
              <legend>{t('enterprise.section.stages')}</legend>
              <p className="muted field-help">{t('enterprise.stages.help')}</p>
              {projectStages.map((stage) => {
                const stageName = label(projectStageLabels[stage]);
                return (
                  <fieldset key={stage} className="stage-row">
                    <legend className="stage-name">{stageName}</legend>
                    <Form.Item
                      name={['stages', stage, 'planned']}
                      label={t('enterprise.stage.planned', { stage: stageName })}
                      className="stage-field"
                    >
                      <DatePicker className="full-width" />
                    </Form.Item>
                    <Form.Item
                      name={['stages', stage, 'actual']}
                      label={t('enterprise.stage.actual', { stage: stageName })}
                      className="stage-field"
                    >
                      <DatePicker className="full-width" />
                    </Form.Item>
                    <Form.Item
                      name={['stages', stage, 'note']}
                      label={t('enterprise.stage.note', { stage: stageName })}
                      className="stage-field stage-note"
                      rules={[{ max: 200 }]}
                    >
                      <Input maxLength={200} />
                    </Form.Item>
                  </fieldset>
                );
              })}
            </fieldset>
          ) : null}
          <Form.List name="contacts">
            {(fields, { add, remove }) => (
              <fieldset className="form-section">
                <legend>{t('enterprise.section.contacts')}</legend>
                {fields.length === 0 ? <p className="muted">{t('enterprise.contacts.none')}</p> : null}
                {fields.map((field, index) => (
                  <fieldset key={field.key} className="contact-row">
                    <legend className="contact-title">{t('enterprise.contact.n', { n: index + 1 })}</legend>
                    <Button
                      className="contact-remove"
                      type="text"
                      danger
                      size="small"
                      icon={<DeleteOutlined />}
                      aria-label={t('enterprise.contact.remove', { n: index + 1 })}
                      onClick={() => remove(field.name)}
                    />
                    <div className="form-grid">
                      <Form.Item
                        name={[field.name, 'name']}
                        label={t('enterprise.contact.name')}
                        rules={[{ required: true, whitespace: true }, { max: 40 }]}
                      >
                        <Input maxLength={40} />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'title']}
                        label={t('enterprise.contact.title')}
                        rules={[{ max: 40 }]}
                      >
                        <Input maxLength={40} />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'phone']}
                        label={t('person.phone')}
                        rules={[{ pattern: PHONE, message: t('person.phone.invalid') }]}
                      >
                        <Input inputMode="tel" maxLength={20} />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'email']}
                        label={t('person.email')}
                        rules={[{ type: 'email', message: t('person.email.invalid') }, { max: 120 }]}
                      >
                        <Input inputMode="email" maxLength={120} />
                      </Form.Item>
                    </div>
                  </fieldset>
                ))}
                <Button
                  icon={<PlusOutlined />}
                  disabled={fields.length >= MAX_CONTACTS}
                  onClick={() => add({ name: '' })}
                >
                  {t('enterprise.contact.add')}
                </Button>
              </fieldset>
            )}
          </Form.List>
        </Form>
      )}
    </Drawer>
  );
}
