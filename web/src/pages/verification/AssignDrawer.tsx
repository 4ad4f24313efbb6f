import { Button, DatePicker, Drawer, Form, Grid, Input } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { api, unwrap } from '../../api/client.ts';
import type { AppealDetail, AppealVerification } from '../../api/types.ts';
import { ConflictAlert } from '../../components/ConflictAlert.tsx';
import { UnitSelect, UnitsSelect } from '../../components/OrgSelects.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useAppealAction } from './useAppealAction.ts';
import { useTier, useWorkdaysFromToday } from './verificationUi.tsx';

interface Values {
  leadUnitId: string;
  coUnitIds: string[];
  measures: string;
  dueDate?: Dayjs | null;
}

interface Props {
  open: boolean;
  appeal: AppealDetail;
  verification: AppealVerification | undefined;
  onClose: () => void;
}

/** 交办: a lead unit, co-units, the measures and the deadline (by default the tier's working days). */
export function AssignDrawer({ open, appeal, verification, onClose }: Props) {
  const { t, locale } = useI18n();
  const [form] = Form.useForm<Values>();
  const screens = Grid.useBreakpoint();
  const leadUnitId = Form.useWatch('leadUnitId', form);
  const tier = useTier(appeal.tierCode);
  const defaultDue = useWorkdaysFromToday(open ? tier?.deadlineWorkingDays : null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: fill on open only
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    // One unit was asked to verify: it is the likely lead unit.
    const asked = [...new Set(verification?.requests.map((request) => request.unitId) ?? [])];
    form.setFieldsValue({ coUnitIds: [], leadUnitId: asked.length === 1 ? asked[0] : undefined });
  }, [open]);

  const { mutation, conflict, clearConflict } = useAppealAction<Values>({
    appeal,
    form,
    onDone: onClose,
    send: (values, version) =>
      unwrap(
        api.POST('/api/appeals/{id}/assign', {
          params: { path: { id: appeal.id } },
          body: {
            leadUnitId: values.leadUnitId,
            coUnitIds: values.coUnitIds.filter((id) => id !== values.leadUnitId),
            measures: values.measures.trim(),
            dueDate: values.dueDate ? values.dueDate.format('YYYY-MM-DD') : undefined,
            version,
          },
        }),
      ),
    done: () => t('assignForm.done'),
    fields: {
      'assignment.lead_is_co_unit': 'coUnitIds',
      'verification.unit_repeated': 'coUnitIds',
      'assignment.due_date_not_workday': 'dueDate',
      'org.unit_not_found': 'leadUnitId',
    },
  });

  const tierLabel = tier ? (locale === 'en' ? tier.nameEn : tier.nameZh) : '';
  const rule = tier
    ? defaultDue
      ? t('assignForm.rule', { tier: tierLabel, days: tier.deadlineWorkingDays, date: defaultDue })
      : t('assignForm.ruleNoDate', { tier: tierLabel, days: tier.deadlineWorkingDays })
    : undefined;

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('assignForm.title', { number: appeal.number })}
      size={screens.sm ? 640 : '100%'}
      destroyOnHidden
      footer={
        <div className="drawer-footer">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={mutation.isPending} onClick={() => form.submit()}>
            {t('action.assign')}
          </Button>
        </div>
      }
    >
      {conflict ? <ConflictAlert onReload={clearConflict} /> : null}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ coUnitIds: [] }}
        onFinish={(values) => mutation.mutate(values)}
      >
        <Form.Item label={t('assign.lead')} name="leadUnitId" rules={[{ required: true }]}>
          <UnitSelect />
        </Form.Item>
        <Form.Item label={t('assign.co')} name="coUnitIds" extra={t('assignForm.co.help')}>
          <UnitsSelect exclude={leadUnitId ? [leadUnitId] : []} maxCount={20} />
        </Form.Item>
        <Form.Item
          label={t('assign.measures')}
          name="measures"
          extra={t('assignForm.measures.help')}
          rules={[
            { required: true, whitespace: true },
            { min: 4, max: 5000 },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={5000} showCount />
        </Form.Item>
        <Form.Item label={t('assign.dueDate')} name="dueDate" extra={rule}>
          <DatePicker disabledDate={(day) => !day.isAfter(dayjs(), 'day')} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
