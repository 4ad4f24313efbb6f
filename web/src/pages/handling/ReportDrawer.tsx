import { Alert, Button, Drawer, Form, Grid, Input } from 'antd';
import { useEffect } from 'react';
import { api, unwrap } from '../../api/client.ts';
import type { AppealDetail } from '../../api/types.ts';
import { ConflictAlert } from '../../components/ConflictAlert.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { type HandlingNote, type Reply, useHandlingAction } from './handlingApi.ts';

interface Values {
  reply: string;
  policyBasis?: string;
}

interface Props {
  open: boolean;
  appeal: AppealDetail;
  /** The last reply the office sent back, if any: its text to start from, and why. */
  sentBack: Reply | undefined;
  /** The co-units' input (协办意见), shown so that the one reply covers it. */
  coInputs: readonly HandlingNote[];
  onClose: () => void;
}

/** 答复并报办结: the lead unit's consolidated reply to the enterprise, and the report that it is done. */
export function ReportDrawer({ open, appeal, sentBack, coInputs, onClose }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const screens = Grid.useBreakpoint();

  // biome-ignore lint/correctness/useExhaustiveDependencies: fill on open only
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (sentBack) form.setFieldsValue({ reply: sentBack.content, policyBasis: sentBack.policyBasis ?? '' });
  }, [open]);

  const { mutation, conflict, clearConflict } = useHandlingAction<Values>({
    appeal,
    form,
    onDone: onClose,
    send: (values, version) =>
      unwrap(
        api.POST('/api/appeals/{id}/report', {
          params: { path: { id: appeal.id } },
          body: {
            reply: values.reply.trim(),
            policyBasis: values.policyBasis?.trim() || undefined,
            version,
          },
        }),
      ),
    done: () => t('reportForm.done'),
  });

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('reportForm.title', { number: appeal.number })}
      size={screens.sm ? 640 : '100%'}
      destroyOnHidden
      footer={
        <div className="drawer-footer">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={mutation.isPending} onClick={() => form.submit()}>
            {t('reportForm.submit')}
          </Button>
        </div>
      }
    >
      {conflict ? <ConflictAlert onReload={clearConflict} /> : null}
      {sentBack?.reviewNote ? (
        <Alert
          className="form-alert"
          type="warning"
          showIcon
          title={t('reportForm.sentBack')}
          description={<div className="pre-wrap">{sentBack.reviewNote}</div>}
        />
      ) : null}
      <Alert className="form-alert" type="info" showIcon title={t('reportForm.notice')} />
      {coInputs.length > 0 ? (
        <section className="form-alert" aria-label={t('reportForm.coInputs')}>
          <h3 className="subsection-title">{t('reportForm.coInputs')}</h3>
          <ul className="verify-list">
            {coInputs.map((note) => (
              <li key={note.id} className="verify-item">
                <div className="cell-strong">{note.unitName}</div>
                <div className="verify-text">{note.content}</div>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <Form<Values> form={form} layout="vertical" onFinish={(values) => mutation.mutate(values)}>
        <Form.Item
          label={t('reportForm.reply')}
          name="reply"
          extra={t('reportForm.reply.help')}
          rules={[
            { required: true, whitespace: true },
            { min: 10, max: 10000 },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 8, maxRows: 20 }} maxLength={10000} showCount />
        </Form.Item>
        <Form.Item
          label={t('reportForm.policyBasis')}
          name="policyBasis"
          extra={t('reportForm.policyBasis.help')}
          rules={[{ max: 2000 }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={2000} showCount />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
