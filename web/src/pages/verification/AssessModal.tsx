import { Alert, Form, Input, Modal } from 'antd';
import { useEffect } from 'react';
import { api, unwrap } from '../../api/client.ts';
import type { AppealDetail, AppealVerification } from '../../api/types.ts';
import { ConflictAlert } from '../../components/ConflictAlert.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useAppealAction } from './useAppealAction.ts';
import { TierSelect, useTierName } from './verificationUi.tsx';

interface Values {
  assessment: string;
  tierCode: string;
}

interface Props {
  open: boolean;
  appeal: AppealDetail;
  verification: AppealVerification | undefined;
  onClose: () => void;
}

/** 初步研判: the office's assessment and the tier, pre-filled with the proposal. */
export function AssessModal({ open, appeal, verification, onClose }: Props) {
  const { t, locale } = useI18n();
  const [form] = Form.useForm<Values>();
  const tierName = useTierName();
  const proposal = verification?.proposal;

  // biome-ignore lint/correctness/useExhaustiveDependencies: fill on open only
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    const tierCode = appeal.tierCode ?? proposal?.tierCode ?? undefined;
    form.setFieldsValue({ assessment: verification?.assessment ?? '', tierCode });
  }, [open]);

  const { mutation, conflict, clearConflict } = useAppealAction<Values>({
    appeal,
    form,
    onDone: onClose,
    send: (values, version) =>
      unwrap(
        api.POST('/api/appeals/{id}/assess', {
          params: { path: { id: appeal.id } },
          body: { assessment: values.assessment.trim(), tierCode: values.tierCode, version },
        }),
      ),
    done: () => t('assessForm.done'),
    fields: { 'tier.not_found': 'tierCode' },
  });

  const reason = proposal ? (locale === 'en' ? proposal.reason.en : proposal.reason.zh) : '';

  return (
    <Modal
      open={open}
      title={t('assessForm.title', { number: appeal.number })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={mutation.isPending}
      destroyOnHidden
    >
      {conflict ? <ConflictAlert onReload={clearConflict} /> : null}
      {proposal && reason ? (
        <Alert
          className="form-alert"
          type="info"
          showIcon
          title={t('assessForm.proposal', {
            tier: proposal.tierCode ? tierName(proposal.tierCode) : t('verify.proposal.none'),
            reason,
          })}
        />
      ) : null}
      <Form<Values> form={form} layout="vertical" onFinish={(values) => mutation.mutate(values)}>
        <Form.Item
          label={t('assessForm.assessment')}
          name="assessment"
          extra={t('assessForm.assessment.help')}
          rules={[
            { required: true, whitespace: true },
            { min: 4, max: 5000 },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={5000} showCount />
        </Form.Item>
        <Form.Item label={t('appeal.tier')} name="tierCode" rules={[{ required: true }]}>
          <TierSelect />
        </Form.Item>
      </Form>
    </Modal>
  );
}
