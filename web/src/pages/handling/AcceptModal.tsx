import { Form, Modal } from 'antd';
import { api, unwrap } from '../../api/client.ts';
import type { AppealDetail } from '../../api/types.ts';
import { ConflictAlert } from '../../components/ConflictAlert.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useHandlingAction } from './handlingApi.ts';
import { acceptanceLate } from './handlingUi.tsx';

interface Props {
  open: boolean;
  appeal: AppealDetail;
  dueDate: string | undefined;
  acceptDueDate: string | undefined;
  onClose: () => void;
}

type Values = Record<string, never>;

/** 签收: the lead unit takes the assignment; the deadline stays as assigned. */
export function AcceptModal({ open, appeal, dueDate, acceptDueDate, onClose }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const { mutation, conflict, clearConflict } = useHandlingAction<Values>({
    appeal,
    form,
    onDone: onClose,
    send: (_values, version) =>
      unwrap(
        api.POST('/api/appeals/{id}/accept', { params: { path: { id: appeal.id } }, body: { version } }),
      ),
    done: () => t('acceptForm.done'),
  });

  return (
    <Modal
      open={open}
      title={t('acceptForm.title', { number: appeal.number })}
      okText={t('action.accept')}
      cancelText={t('common.cancel')}
      onOk={() => mutation.mutate({})}
      onCancel={onClose}
      confirmLoading={mutation.isPending}
      destroyOnHidden
    >
      {conflict ? <ConflictAlert onReload={clearConflict} /> : null}
      <p className="accept-title">{appeal.title}</p>
      {dueDate ? <p>{t('acceptForm.help', { date: dueDate })}</p> : null}
      {acceptDueDate && acceptanceLate(acceptDueDate) ? (
        <p className="clock-late">{t('acceptForm.late', { date: acceptDueDate })}</p>
      ) : null}
      <p className="muted">{t('acceptForm.returnHint')}</p>
      {/* No fields: the form only carries error messages of the action. */}
      <Form form={form} component={false} />
    </Modal>
  );
}
