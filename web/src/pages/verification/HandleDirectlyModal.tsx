import { Form, Modal } from 'antd';
import { useEffect } from 'react';
import { api, unwrap } from '../../api/client.ts';
import type { AppealDetail, AppealVerification } from '../../api/types.ts';
import { ConflictAlert } from '../../components/ConflictAlert.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useAppealAction } from './useAppealAction.ts';
import { TierSelect } from './verificationUi.tsx';

interface Values {
  tierCode: string;
}

interface Props {
  open: boolean;
  appeal: AppealDetail;
  verification: AppealVerification | undefined;
  onClose: () => void;
}

/** 直接办理: handled through the normal channel with a tier; the appeal then waits to be assigned. */
export function HandleDirectlyModal({ open, appeal, verification, onClose }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const openRequests = verification?.requests.filter((request) => request.status === 'open').length ?? 0;

  // biome-ignore lint/correctness/useExhaustiveDependencies: fill on open only
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ tierCode: appeal.tierCode ?? verification?.proposal.tierCode ?? undefined });
  }, [open]);

  const { mutation, conflict, clearConflict } = useAppealAction<Values>({
    appeal,
    form,
    onDone: onClose,
    send: (values, version) =>
      unwrap(
        api.POST('/api/appeals/{id}/handle-directly', {
          params: { path: { id: appeal.id } },
          body: { tierCode: values.tierCode, version },
        }),
      ),
    done: () => t('directForm.done'),
    fields: { 'tier.not_found': 'tierCode', 'tier.required': 'tierCode' },
  });

  return (
    <Modal
      open={open}
      title={t('directForm.title', { number: appeal.number })}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={mutation.isPending}
      destroyOnHidden
    >
      {conflict ? <ConflictAlert onReload={clearConflict} /> : null}
      <p>{t('directForm.help')}</p>
      {openRequests > 0 ? <p>{t('verify.withdrawOpen', { count: openRequests })}</p> : null}
      <Form<Values> form={form} layout="vertical" onFinish={(values) => mutation.mutate(values)}>
        <Form.Item label={t('appeal.tier')} name="tierCode" rules={[{ required: true }]}>
          <TierSelect />
        </Form.Item>
      </Form>
    </Modal>
  );
}
