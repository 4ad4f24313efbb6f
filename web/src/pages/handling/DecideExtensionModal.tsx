import { Form, Input, Modal, Radio } from 'antd';
import { useEffect } from 'react';
import { api, unwrap } from '../../api/client.ts';
import type { AppealDetail } from '../../api/types.ts';
import { ConflictAlert } from '../../components/ConflictAlert.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDateTime } from '../appeals/appealUi.tsx';
import { type ExtensionRequest, useHandlingAction } from './handlingApi.ts';

interface Values {
  decision: 'approve' | 'refuse';
  note?: string;
}

interface Props {
  open: boolean;
  appeal: AppealDetail;
  /** The request waiting for a decision. */
  request: ExtensionRequest | undefined;
  onClose: () => void;
}

/** 审批延期: the office approves (the deadline moves, the enterprise sees it) or refuses, with a note. */
export function DecideExtensionModal({ open, appeal, request, onClose }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const decision = Form.useWatch('decision', form);

  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  const { mutation, conflict, clearConflict } = useHandlingAction<Values>({
    appeal,
    form,
    onDone: onClose,
    send: (values) =>
      unwrap(
        api.POST('/api/appeals/{id}/extension/decide', {
          params: { path: { id: appeal.id } },
          body: { approve: values.decision === 'approve', note: values.note?.trim() || undefined },
        }),
      ),
    done: (values) =>
      values.decision === 'approve'
        ? t('decideForm.approved', { date: request?.requestedDueDate ?? '' })
        : t('decideForm.refused'),
  });

  return (
    <Modal
      open={open}
      title={t('decideForm.title', { number: appeal.number })}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={mutation.isPending}
      destroyOnHidden
    >
      {conflict ? <ConflictAlert onReload={clearConflict} /> : null}
      {request ? (
        <dl className="fact-list decide-facts">
          <div>
            <dt>{t('handling.extension.previous')}</dt>
            <dd>{request.previousDueDate}</dd>
          </div>
          <div>
            <dt>{t('handling.extension.requested')}</dt>
            <dd className="cell-strong">{request.requestedDueDate}</dd>
          </div>
          <div className="fact-wide">
            <dt>{t('handling.extension.reason')}</dt>
            <dd className="verify-text">{request.reason}</dd>
          </div>
        </dl>
      ) : null}
      {request ? (
        <p className="muted verify-meta">
          {t('handling.extension.requestedBy', {
            name: request.requestedByName ?? t('common.none'),
            at: formatDateTime(request.requestedAt),
          })}
        </p>
      ) : null}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ decision: 'approve' }}
        onFinish={(values) => mutation.mutate(values)}
      >
        <Form.Item label={t('decideForm.decision')} name="decision" rules={[{ required: true }]}>
          <Radio.Group
            options={[
              { value: 'approve', label: t('decideForm.approve') },
              { value: 'refuse', label: t('decideForm.refuse') },
            ]}
          />
        </Form.Item>
        <Form.Item
          label={t('decideForm.note')}
          name="note"
          extra={decision === 'refuse' ? t('decideForm.note.refuseHelp') : t('decideForm.note.help')}
          rules={[{ required: decision === 'refuse', whitespace: true }, { max: 2000 }]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
