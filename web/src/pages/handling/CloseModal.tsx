import { Form, Modal } from 'antd';
import { api, unwrap } from '../../api/client.ts';
import type { AppealDetail } from '../../api/types.ts';
import { ConflictAlert } from '../../components/ConflictAlert.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { type Reply, useHandlingAction } from './handlingApi.ts';

interface Props {
  open: boolean;
  appeal: AppealDetail;
  /** The reply under review. */
  reply: Reply | undefined;
  onClose: () => void;
}

type Values = Record<string, never>;

/** 审核办结: the office accepts the unit's reply and closes the appeal; the enterprise then reads the reply. */
export function CloseModal({ open, appeal, reply, onClose }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const { mutation, conflict, clearConflict } = useHandlingAction<Values>({
    appeal,
    form,
    onDone: onClose,
    send: (_values, version) =>
      unwrap(api.POST('/api/appeals/{id}/close', { params: { path: { id: appeal.id } }, body: { version } })),
    done: () => t('closeForm.done'),
  });

  return (
    <Modal
      open={open}
      title={t('closeForm.title', { number: appeal.number })}
      okText={t('closeForm.submit')}
      cancelText={t('common.cancel')}
      onOk={() => mutation.mutate({})}
      onCancel={onClose}
      confirmLoading={mutation.isPending}
      destroyOnHidden
    >
      {conflict ? <ConflictAlert onReload={clearConflict} /> : null}
      <p>{t('closeForm.help')}</p>
      {reply ? (
        <div className="reply-box">
          <div className="reply-box-label">{t('handling.reply.of', { unit: reply.unitName })}</div>
          <div className="verify-text">{reply.content}</div>
          {reply.policyBasis ? (
            <div className="verify-text reply-basis">
              <span className="muted">{t('handling.reply.policyBasis')}</span>
              {reply.policyBasis}
            </div>
          ) : null}
        </div>
      ) : null}
      <Form form={form} component={false} />
    </Modal>
  );
}
