import { DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useEventAction } from './eventApi.ts';
import type { EventDetail } from './eventTypes.ts';
import { ISO_DATE, notAfter, WorkdayHint } from './eventUi.tsx';

interface Values {
  title: string;
  date: Dayjs | null;
  venue: string;
}

/** Changes the event's name, day or venue while the catalogue is drafted or submitted. */
export function EditEventModal({
  open,
  event,
  onClose,
}: {
  open: boolean;
  event: EventDetail;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const date = Form.useWatch('date', form);

  // biome-ignore lint/correctness/useExhaustiveDependencies: fill on open
  useEffect(() => {
    if (open) form.setFieldsValue({ title: event.title, date: dayjs(event.date), venue: event.venue });
  }, [open]);

  const save = useEventAction<Values>({
    event,
    form,
    send: (values, version) =>
      unwrap(
        api.PATCH('/api/events/{id}', {
          params: { path: { id: event.id } },
          body: {
            title: values.title.trim(),
            date: values.date ? values.date.format(ISO_DATE) : event.date,
            venue: values.venue.trim(),
            version,
          },
        }),
      ),
    done: t('common.saved'),
    fields: { 'event.date_not_workday': 'date' },
    onDone: onClose,
  });

  return (
    <Modal
      open={open}
      title={t('event.edit.title')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      forceRender
      width={640}
    >
      <Form<Values> form={form} layout="vertical" onFinish={(values) => save.mutate(values)}>
        <Form.Item
          label={t('event.title')}
          name="title"
          rules={[
            { required: true, whitespace: true },
            { min: 4, max: 100 },
          ]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          label={t('event.date')}
          name="date"
          extra={
            <>
              <WorkdayHint date={date ? date.format(ISO_DATE) : null} />
              <span className="field-help muted">{t('event.create.dateHelp')}</span>
            </>
          }
          rules={[{ required: true, message: t('event.create.dateRequired') }]}
        >
          <DatePicker disabledDate={notAfter()} />
        </Form.Item>
        <Form.Item
          label={t('event.venue')}
          name="venue"
          rules={[
            { required: true, whitespace: true },
            { min: 2, max: 100 },
          ]}
        >
          <Input maxLength={100} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
