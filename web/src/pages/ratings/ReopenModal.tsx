import { useQueryClient } from '@tanstack/react-query';
import { Alert, DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { api, unwrap } from '../../api/client.ts';
import type { AppealDetail } from '../../api/types.ts';
import { ConflictAlert } from '../../components/ConflictAlert.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useHandlingAction } from '../handling/handlingApi.ts';
import { type Rating, ratingKeys } from './ratingsApi.ts';

interface Values {
  measures: string;
  dueDate?: Dayjs | null;
}

interface Props {
  open: boolean;
  appeal: AppealDetail;
  /** The dissatisfied rating that the appeal is reopened for. */
  rating: Rating | undefined;
  /** Reopenings so far, and how many are allowed. */
  round: number;
  cap: number;
  onClose: () => void;
}

/** 重办: after a dissatisfied rating, the appeal goes back to the same units with what to do and a deadline. */
export function ReopenModal({ open, appeal, rating, round, cap, onClose }: Props) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const capReached = round >= cap;

  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  const { mutation, conflict, clearConflict } = useHandlingAction<Values>({
    appeal,
    form,
    onDone: () => {
      onClose();
      void queryClient.invalidateQueries({ queryKey: ratingKeys.appeal(appeal.id) });
    },
    send: (values, version) =>
      unwrap(
        api.POST('/api/appeals/{id}/reopen', {
          params: { path: { id: appeal.id } },
          body: {
            ratingId: rating?.id ?? '',
            measures: values.measures.trim(),
            dueDate: values.dueDate ? values.dueDate.format('YYYY-MM-DD') : undefined,
            version,
          },
        }),
      ),
    done: () => t('reopenForm.done'),
    fields: {
      'rating.reopen_cap_reached': 'measures',
      'assignment.due_date_not_workday': 'dueDate',
      'calendar.year_unknown': 'dueDate',
    },
  });

  return (
    <Modal
      open={open}
      title={t('reopenForm.title', { number: appeal.number })}
      okText={t('ratings.reopen')}
      okButtonProps={{ disabled: capReached }}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={mutation.isPending}
      destroyOnHidden
    >
      {conflict ? <ConflictAlert onReload={clearConflict} /> : null}
      <Alert
        className="form-alert"
        type="warning"
        showIcon
        title={
          capReached
            ? t('reopenForm.capReached', { cap })
            : t('reopenForm.notice', { unit: rating?.unitName ?? '', round: round + 1, cap })
        }
      />
      <Form<Values> form={form} layout="vertical" onFinish={(values) => mutation.mutate(values)}>
        <Form.Item
          label={t('reopenForm.measures')}
          name="measures"
          extra={t('reopenForm.measures.help')}
          rules={[
            { required: true, whitespace: true },
            { min: 4, max: 5000 },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={5000} showCount />
        </Form.Item>
        <Form.Item label={t('reopenForm.dueDate')} name="dueDate" extra={t('reopenForm.dueDate.help')}>
          <DatePicker disabledDate={(day) => !day.isAfter(dayjs(), 'day')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
