import { useQueryClient } from '@tanstack/react-query';
import { Alert, Form, Input, Modal, Select } from 'antd';
import { useEffect } from 'react';
import { api, unwrap } from '../../api/client.ts';
import type { AppealDetail } from '../../api/types.ts';
import { ConflictAlert } from '../../components/ConflictAlert.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useAppealAction } from '../verification/useAppealAction.ts';
import { levelKeys } from './levelsApi.ts';

interface Values {
  reason: string;
  regionId?: string;
}

interface Props {
  open: boolean;
  appeal: AppealDetail;
  onClose: () => void;
}

function ReasonItem() {
  const { t } = useI18n();
  return (
    <Form.Item
      label={t('levels.reason')}
      name="reason"
      extra={t('levels.reason.help')}
      rules={[
        { required: true, whitespace: true },
        { min: 4, max: 1000 },
      ]}
    >
      <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={1000} showCount />
    </Form.Item>
  );
}

/** 上报市级: the county office moves its appeal to the city, with a reason. */
export function EscalateModal({ open, appeal, onClose }: Props) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();

  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  const { mutation, conflict, clearConflict } = useAppealAction<Values>({
    appeal,
    form,
    onDone: () => {
      onClose();
      void queryClient.invalidateQueries({ queryKey: levelKeys.appeal(appeal.id) });
    },
    send: (values, version) =>
      unwrap(
        api.POST('/api/appeals/{id}/escalate', {
          params: { path: { id: appeal.id } },
          body: { reason: values.reason.trim(), version },
        }),
      ),
    done: () => t('levels.escalate.done'),
  });

  return (
    <Modal
      open={open}
      title={t('levels.escalate.title', { number: appeal.number })}
      okText={t('levels.escalate')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={mutation.isPending}
      destroyOnHidden
    >
      {conflict ? <ConflictAlert onReload={clearConflict} /> : null}
      <Alert className="form-alert" type="info" showIcon title={t('levels.escalate.notice')} />
      <Form<Values> form={form} layout="vertical" onFinish={(values) => mutation.mutate(values)}>
        <ReasonItem />
      </Form>
    </Modal>
  );
}

/** 交县区办理: the city office hands a city-level appeal to a county with its own office. */
export function HandDownModal({
  open,
  appeal,
  targets,
  onClose,
}: Props & { targets: readonly { id: string; name: string }[] }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();

  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  const { mutation, conflict, clearConflict } = useAppealAction<Values>({
    appeal,
    form,
    onDone: () => {
      onClose();
      void queryClient.invalidateQueries({ queryKey: levelKeys.appeal(appeal.id) });
    },
    send: (values, version) =>
      unwrap(
        api.POST('/api/appeals/{id}/hand-down', {
          params: { path: { id: appeal.id } },
          body: { regionId: values.regionId ?? '', reason: values.reason.trim(), version },
        }),
      ),
    done: (values) =>
      t('levels.handDown.done', { name: targets.find((r) => r.id === values.regionId)?.name ?? '' }),
    fields: { 'appeal.level_target_invalid': 'regionId' },
  });

  return (
    <Modal
      open={open}
      title={t('levels.handDown.title', { number: appeal.number })}
      okText={t('levels.handDown')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={mutation.isPending}
      destroyOnHidden
    >
      {conflict ? <ConflictAlert onReload={clearConflict} /> : null}
      <Alert className="form-alert" type="info" showIcon title={t('levels.handDown.notice')} />
      <Form<Values> form={form} layout="vertical" onFinish={(values) => mutation.mutate(values)}>
        <Form.Item label={t('levels.county')} name="regionId" rules={[{ required: true }]}>
          <Select<string>
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('levels.county.placeholder')}
            options={targets.map((r) => ({ value: r.id, label: r.name }))}
          />
        </Form.Item>
        <ReasonItem />
      </Form>
    </Modal>
  );
}
