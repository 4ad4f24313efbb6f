import { DatePicker, Form, Input, Modal, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { api, unwrap } from '../../api/client.ts';
import type { AppealDetail } from '../../api/types.ts';
import { ConflictAlert } from '../../components/ConflictAlert.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { type ContactWay, useHandlingAction } from './handlingApi.ts';
import { ContactWaySelect } from './handlingUi.tsx';

export type ProgressKind = 'progress' | 'contact';

interface Values {
  kind: ProgressKind;
  content: string;
  contactDate?: Dayjs | null;
  contactWay?: ContactWay;
  contactPerson?: string;
}

interface Props {
  open: boolean;
  appeal: AppealDetail;
  /** Which of the two the button asked for; the form can switch. */
  kind: ProgressKind;
  onClose: () => void;
}

/** 记录进展 / 联系企业: a progress note, or a contact with the enterprise (when, how, with whom). */
export function ProgressModal({ open, appeal, kind, onClose }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const chosen = Form.useWatch('kind', form) ?? kind;

  // biome-ignore lint/correctness/useExhaustiveDependencies: fill on open only
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ kind, contactDate: dayjs(), contactWay: 'phone' });
  }, [open]);

  const { mutation, conflict, clearConflict } = useHandlingAction<Values>({
    appeal,
    form,
    onDone: onClose,
    send: (values) =>
      unwrap(
        api.POST('/api/appeals/{id}/progress', {
          params: { path: { id: appeal.id } },
          body:
            values.kind === 'contact'
              ? {
                  kind: 'contact',
                  content: values.content.trim(),
                  contactDate: (values.contactDate ?? dayjs()).format('YYYY-MM-DD'),
                  contactWay: values.contactWay ?? 'phone',
                  contactPerson: (values.contactPerson ?? '').trim(),
                }
              : { kind: 'progress', content: values.content.trim() },
        }),
      ),
    done: (values) => (values.kind === 'contact' ? t('progressForm.contactDone') : t('progressForm.done')),
    fields: { 'request.invalid': 'contactDate' },
  });

  const title = kind === 'contact' ? 'progressForm.contactTitle' : 'progressForm.title';

  return (
    <Modal
      open={open}
      title={t(title, { number: appeal.number })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={mutation.isPending}
      destroyOnHidden
    >
      {conflict ? <ConflictAlert onReload={clearConflict} /> : null}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ kind }}
        onFinish={(values) => mutation.mutate(values)}
      >
        <Form.Item label={t('progressForm.kind')} name="kind">
          <Radio.Group
            optionType="button"
            options={[
              { value: 'progress', label: t('progressForm.kind.progress') },
              { value: 'contact', label: t('progressForm.kind.contact') },
            ]}
          />
        </Form.Item>
        {chosen === 'contact' ? (
          <div className="form-row">
            <Form.Item
              label={t('progressForm.contactDate')}
              name="contactDate"
              rules={[{ required: true }]}
              extra={t('progressForm.contactDate.help')}
            >
              <DatePicker disabledDate={(day) => day.isAfter(dayjs(), 'day')} />
            </Form.Item>
            <Form.Item label={t('progressForm.contactWay')} name="contactWay" rules={[{ required: true }]}>
              <ContactWaySelect />
            </Form.Item>
            <Form.Item
              label={t('progressForm.contactPerson')}
              name="contactPerson"
              rules={[{ required: true, whitespace: true }, { max: 40 }]}
            >
              <Input maxLength={40} autoComplete="off" />
            </Form.Item>
          </div>
        ) : null}
        <Form.Item
          label={chosen === 'contact' ? t('progressForm.contactContent') : t('progressForm.content')}
          name="content"
          extra={
            chosen === 'contact' ? t('progressForm.contactContent.help') : t('progressForm.content.help')
          }
          rules={[
            { required: true, whitespace: true },
            { min: 2, max: 5000 },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={5000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
