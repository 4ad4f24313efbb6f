import { useMutation } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, Modal, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { useShowError } from '../../api/useShowError.ts';
import { useAtCity } from '../../auth/session.tsx';
import { RegionSelect } from '../../components/OrgSelects.tsx';
import { type Translate, useI18n } from '../../i18n/I18nProvider.tsx';
import { useAcceptEvent } from './eventApi.ts';
import type { EventDetail, EventSummary } from './eventTypes.ts';
import { ISO_DATE, notAfter, useEventKindName, WorkdayHint } from './eventUi.tsx';

interface Values {
  kind: EventSummary['kind'];
  title: string;
  date: Dayjs | null;
  venue: string;
  regionId?: string;
}

interface Props {
  open: boolean;
  onClose: () => void;
  onCreated: (event: EventDetail) => void;
}

/** The usual name of a quarterly event on that day, e.g. 2026年第四季度“面对面”政企交流活动. */
function quarterTitle(day: Dayjs, t: Translate) {
  const quarters = ['一', '二', '三', '四'];
  return t('event.create.titleOf', {
    year: String(day.year()),
    quarter: quarters[Math.floor(day.month() / 3)] ?? '',
  });
}

/** 新建活动: kind, name, day (a working day), venue; a city office may hold a county's event too. */
export function CreateEventModal({ open, onClose, onCreated }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const atCity = useAtCity() !== false;
  const kind = Form.useWatch('kind', form);
  const date = Form.useWatch('date', form);
  const showError = useShowError();
  const accept = useAcceptEvent();
  const { message } = App.useApp();
  const kindName = useEventKindName();

  // biome-ignore lint/correctness/useExhaustiveDependencies: fill on open only
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ kind: atCity ? 'city' : 'county', title: quarterTitle(dayjs(), t) });
  }, [open]);

  const create = useMutation({
    mutationFn: (values: Values) =>
      unwrap(
        api.POST('/api/events', {
          body: {
            kind: values.kind,
            title: values.title.trim(),
            date: values.date ? values.date.format(ISO_DATE) : '',
            venue: values.venue.trim(),
            regionId: values.kind === 'county' && atCity ? values.regionId : undefined,
          },
        }),
      ),
    onSuccess: (event) => {
      accept(event);
      message.success(t('event.create.done', { title: event.title }));
      onCreated(event);
    },
    onError: (error) =>
      showError(error, {
        form,
        fields: { 'event.date_not_workday': 'date', 'org.region_not_found': 'regionId' },
      }),
  });

  /** A new day renames an event still carrying the suggested name of the previous day's quarter. */
  const onDateChange = (next: Dayjs | null) => {
    const title = form.getFieldValue('title') as string | undefined;
    const previous = form.getFieldValue('date') as Dayjs | null | undefined;
    const suggested = quarterTitle(previous ?? dayjs(), t);
    if (next && (!title || title === suggested)) form.setFieldValue('title', quarterTitle(next, t));
  };

  return (
    <Modal
      open={open}
      title={t('event.create.title')}
      okText={t('event.create.submit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      destroyOnHidden
      width={640}
    >
      <Form<Values> form={form} layout="vertical" onFinish={(values) => create.mutate(values)}>
        <Form.Item label={t('event.kind')} name="kind" rules={[{ required: true }]}>
          <Radio.Group
            disabled={!atCity}
            options={(['city', 'county'] as const).map((value) => ({ value, label: kindName(value) }))}
          />
        </Form.Item>
        {kind === 'county' && atCity ? (
          <Form.Item
            label={t('event.region')}
            name="regionId"
            rules={[{ required: true, message: t('event.create.regionRequired') }]}
          >
            <RegionSelect />
          </Form.Item>
        ) : null}
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
          <DatePicker disabledDate={notAfter()} onChange={onDateChange} />
        </Form.Item>
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
          label={t('event.venue')}
          name="venue"
          rules={[
            { required: true, whitespace: true },
            { min: 2, max: 100 },
          ]}
        >
          <Input maxLength={100} placeholder={t('event.venue.placeholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
