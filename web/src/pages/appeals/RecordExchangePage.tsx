import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { appealChannelLabels, exchangeChannels } from '@f2f/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Form, Input, Radio, Result, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client.ts';
import { keys } from '../../api/queries.ts';
import type { RecordExchangeResult } from '../../api/types.ts';
import { useShowError } from '../../api/useShowError.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { EnterprisePicker } from '../enterprises/enterpriseUi.tsx';
import { CategorySelect } from './appealUi.tsx';
import './appeals.css';

type ExchangeChannel = (typeof exchangeChannels)[number];

interface AppealValues {
  enterpriseId?: string;
  title?: string;
  category?: string;
  content?: string;
}

interface Values {
  channel: ExchangeChannel;
  date: Dayjs;
  title: string;
  venue?: string;
  notes?: string;
  appeals: AppealValues[];
}

const MAX_APPEALS = 30;

/**
 * 登记交流活动: one breakfast or dinner meeting, phone call or visit, and every appeal raised
 * there, saved together (POST /api/exchanges).
 */
export default function RecordExchangePage() {
  const { t, label } = useI18n();
  const [form] = Form.useForm<Values>();
  const [saved, setSaved] = useState<RecordExchangeResult | null>(null);
  const queryClient = useQueryClient();
  const showError = useShowError();
  const { message } = App.useApp();

  const save = useMutation({
    mutationFn: (values: Values) =>
      unwrap(
        api.POST('/api/exchanges', {
          body: {
            exchange: {
              channel: values.channel,
              date: values.date.format('YYYY-MM-DD'),
              title: values.title.trim(),
              venue: values.venue?.trim() || null,
              notes: values.notes?.trim() || null,
            },
            appeals: values.appeals.map((appeal) => ({
              enterpriseId: appeal.enterpriseId ?? '',
              title: appeal.title?.trim() ?? '',
              category: appeal.category ?? '',
              content: appeal.content?.trim() ?? '',
            })),
          },
        }),
      ),
    onSuccess: async (result) => {
      message.success(t('exchange.done', { count: result.appeals.length }));
      setSaved(result);
      await queryClient.invalidateQueries({ queryKey: keys.appeals });
    },
    onError: (error) => showError(error, { form }),
  });

  if (saved) {
    return (
      <>
        <PageHeader title={t('menu.recordExchange')} />
        <Card>
          <Result
            status="success"
            title={
              <h2 className="result-title">
                {t('exchange.saved', { title: saved.exchange.title, count: saved.appeals.length })}
              </h2>
            }
            subTitle={`${saved.exchange.date} · ${label(appealChannelLabels[saved.exchange.channel])}`}
            extra={
              <Button
                type="primary"
                onClick={() => {
                  form.resetFields();
                  setSaved(null);
                }}
              >
                {t('exchange.again')}
              </Button>
            }
          >
            <Typography.Title level={3} className="subsection-title">
              {t('exchange.numbers')}
            </Typography.Title>
            <ul className="created-numbers">
              {saved.appeals.map((appeal) => (
                <li key={appeal.id}>
                  <Link to={`/appeals/${appeal.id}`}>{appeal.number}</Link>
                </li>
              ))}
            </ul>
          </Result>
        </Card>
      </>
    );
  }

  return (
    <>
      <PageHeader title={t('menu.recordExchange')} description={t('exchange.description')} />
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ channel: 'breakfast', date: dayjs(), appeals: [{}] }}
        onFinish={(values) => save.mutate(values)}
        scrollToFirstError
        className="exchange-form"
      >
        <Card className="section-card">
          <Typography.Title level={2} className="section-title">
            {t('exchange.meeting')}
          </Typography.Title>
          <Form.Item label={t('exchange.channel')} name="channel" rules={[{ required: true }]}>
            <Radio.Group
              optionType="button"
              options={exchangeChannels.map((value) => ({ value, label: label(appealChannelLabels[value]) }))}
            />
          </Form.Item>
          <div className="form-grid">
            <Form.Item label={t('exchange.date')} name="date" rules={[{ required: true }]}>
              <DatePicker className="full-width" />
            </Form.Item>
            <Form.Item label={t('exchange.venue')} name="venue" rules={[{ max: 100 }]}>
              <Input maxLength={100} />
            </Form.Item>
          </div>
          <Form.Item
            label={t('exchange.title')}
            name="title"
            extra={t('exchange.title.help')}
            rules={[
              { required: true, whitespace: true },
              { min: 2, max: 100 },
            ]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item label={t('exchange.notes')} name="notes" rules={[{ max: 2000 }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={2000} showCount />
          </Form.Item>
        </Card>
        <Form.List
          name="appeals"
          rules={[
            {
              validator: (_, value: AppealValues[] | undefined) =>
                value && value.length > 0
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('exchange.needAppeal'))),
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <section aria-labelledby="exchange-appeals-title">
              <Typography.Title level={2} className="section-title" id="exchange-appeals-title">
                {t('exchange.appeals')}
                <span className="section-count muted">
                  {t('exchange.appealCount', { count: fields.length, max: MAX_APPEALS })}
                </span>
              </Typography.Title>
              {fields.map((field, index) => (
                <fieldset
                  key={field.key}
                  className="appeal-row"
                  aria-labelledby={`exchange-appeal-${field.key}`}
                >
                  <div className="appeal-row-head">
                    <Typography.Title
                      level={3}
                      className="subsection-title"
                      id={`exchange-appeal-${field.key}`}
                    >
                      {t('exchange.appealN', { n: index + 1 })}
                    </Typography.Title>
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      disabled={fields.length <= 1}
                      onClick={() => remove(field.name)}
                    >
                      {t('exchange.removeAppeal', { n: index + 1 })}
                    </Button>
                  </div>
                  <Form.Item
                    label={t('appeal.enterprise')}
                    name={[field.name, 'enterpriseId']}
                    rules={[{ required: true, message: t('record.enterprise.required') }]}
                  >
                    <EnterprisePicker />
                  </Form.Item>
                  <div className="form-grid">
                    <Form.Item
                      label={t('appeal.title')}
                      name={[field.name, 'title']}
                      rules={[
                        { required: true, whitespace: true },
                        { min: 4, max: 100 },
                      ]}
                    >
                      <Input maxLength={100} />
                    </Form.Item>
                    <Form.Item
                      label={t('appeal.category')}
                      name={[field.name, 'category']}
                      rules={[{ required: true }]}
                    >
                      <CategorySelect />
                    </Form.Item>
                  </div>
                  <Form.Item
                    label={t('appeal.content')}
                    name={[field.name, 'content']}
                    rules={[
                      { required: true, whitespace: true },
                      { min: 10, max: 5000 },
                    ]}
                  >
                    <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={5000} showCount />
                  </Form.Item>
                </fieldset>
              ))}
              <Form.ErrorList errors={errors} />
              <div className="form-actions">
                <Button
                  icon={<PlusOutlined />}
                  disabled={fields.length >= MAX_APPEALS}
                  onClick={() => add({})}
                >
                  {t('exchange.addAppeal')}
                </Button>
                <Button type="primary" htmlType="submit" loading={save.isPending}>
                  {t('exchange.submit')}
                </Button>
              </div>
            </section>
          )}
        </Form.List>
      </Form>
    </>
  );
}
