import { Button, DatePicker, Drawer, Form, Grid, Input } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { useUnits } from '../../api/queries.ts';
import type { AppealDetail } from '../../api/types.ts';
import { ConflictAlert } from '../../components/ConflictAlert.tsx';
import { UnitsSelect } from '../../components/OrgSelects.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useAppealAction } from './useAppealAction.ts';

interface Values {
  date: Dayjs;
  unitIds: string[];
  /** unit id → what that unit said */
  statements?: Record<string, string | undefined>;
  conclusion: string;
}

interface Props {
  open: boolean;
  appeal: AppealDetail;
  onClose: () => void;
}

/** 记录会商: the date, the units that took part, what each said, and the conclusion. */
export function ConsultationDrawer({ open, appeal, onClose }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const screens = Grid.useBreakpoint();
  const units = useUnits();
  const unitIds = Form.useWatch('unitIds', form) ?? [];
  const unitName = (id: string) => units.data?.find((unit) => unit.id === id)?.name ?? id;

  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  const { mutation, conflict, clearConflict } = useAppealAction<Values>({
    appeal,
    form,
    onDone: onClose,
    send: (values) =>
      unwrap(
        api.POST('/api/appeals/{id}/consultations', {
          params: { path: { id: appeal.id } },
          body: {
            date: values.date.format('YYYY-MM-DD'),
            unitIds: values.unitIds,
            statements: values.unitIds
              .map((unitId) => ({ unitId, statement: values.statements?.[unitId]?.trim() ?? '' }))
              .filter((item) => item.statement.length > 0),
            conclusion: values.conclusion.trim(),
          },
        }),
      ),
    done: () => t('consultForm.done'),
    fields: {
      'verification.unit_repeated': 'unitIds',
      'org.unit_not_found': 'unitIds',
      'consultation.unknown_participant': 'unitIds',
    },
  });

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('consultForm.title', { number: appeal.number })}
      size={screens.sm ? 640 : '100%'}
      destroyOnHidden
      footer={
        <div className="drawer-footer">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={mutation.isPending} onClick={() => form.submit()}>
            {t('common.save')}
          </Button>
        </div>
      }
    >
      {conflict ? <ConflictAlert onReload={clearConflict} /> : null}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ date: dayjs(), unitIds: [] }}
        onFinish={(values) => mutation.mutate(values)}
      >
        <Form.Item label={t('consult.date')} name="date" rules={[{ required: true }]}>
          <DatePicker disabledDate={(day) => day.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item
          label={t('consult.units')}
          name="unitIds"
          extra={t('consultForm.units.help')}
          rules={[{ required: true, type: 'array', min: 2, message: t('consultForm.units.min') }]}
        >
          <UnitsSelect maxCount={30} />
        </Form.Item>
        {unitIds.length > 0 ? (
          <fieldset className="form-section">
            <legend>{t('consult.statements')}</legend>
            <p className="muted field-help statements-help">{t('consultForm.statements.help')}</p>
            {unitIds.map((unitId) => (
              <Form.Item
                key={unitId}
                label={t('consult.statement', { unit: unitName(unitId) })}
                name={['statements', unitId]}
                rules={[{ max: 2000 }]}
              >
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={2000} />
              </Form.Item>
            ))}
          </fieldset>
        ) : null}
        <Form.Item
          label={t('consult.conclusion')}
          name="conclusion"
          extra={t('consultForm.conclusion.help')}
          rules={[
            { required: true, whitespace: true },
            { min: 4, max: 5000 },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={5000} showCount />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
