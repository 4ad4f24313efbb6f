import { CheckOutlined, EditOutlined, FileDoneOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Form, Input, Popconfirm } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { api, unwrap } from '../../api/client.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDateTime } from '../appeals/appealUi.tsx';
import { DownloadButton } from './DownloadButtons.tsx';
import { useEventAction } from './eventApi.ts';
import type { EventDetail } from './eventTypes.ts';
import { DOCUMENT_NUMBER, reached } from './eventUi.tsx';
import { RulingsTable } from './RulingsTab.tsx';

interface Values {
  preface: string;
  opinionsNumber: string;
}

function OpinionsFields() {
  const { t } = useI18n();
  return (
    <>
      <Form.Item
        label={t('event.preface')}
        name="preface"
        extra={t('event.preface.help')}
        rules={[
          { required: true, whitespace: true },
          { min: 4, max: 5000 },
        ]}
      >
        <Input.TextArea autoSize={{ minRows: 4, maxRows: 14 }} maxLength={5000} showCount />
      </Form.Item>
      <Form.Item
        label={t('event.opinionsNumber')}
        name="opinionsNumber"
        extra={t('event.documentNumber.help')}
        rules={[
          { required: true, whitespace: true },
          { pattern: DOCUMENT_NUMBER, message: t('event.documentNumber.invalid') },
        ]}
      >
        <Input maxLength={40} placeholder={t('event.opinionsNumber.placeholder')} className="number-input" />
      </Form.Item>
    </>
  );
}

/** The office compiles the rulings into 《企业诉求事项处理意见》 with a preface and a document number. */
function CompileForm({ event }: { event: EventDetail }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const unruled = event.items.filter((item) => !item.ruling).length;

  // biome-ignore lint/correctness/useExhaustiveDependencies: fill once per event
  useEffect(() => {
    form.setFieldsValue({
      preface: t('event.preface.default', {
        date: event.date,
        venue: event.venue,
        title: event.title,
        leaders: event.leaders.map((leader) => `${leader.title}${leader.name}`).join('、'),
      }),
      opinionsNumber: '',
    });
  }, [event.id]);

  const compile = useEventAction<Values>({
    event,
    form,
    send: (values, version) =>
      unwrap(
        api.POST('/api/events/{id}/opinions', {
          params: { path: { id: event.id } },
          body: { preface: values.preface.trim(), opinionsNumber: values.opinionsNumber.trim(), version },
        }),
      ),
    done: t('event.compile.done'),
    fields: { 'event.document_number_invalid': 'opinionsNumber' },
  });

  return (
    <Form<Values> form={form} layout="vertical" onFinish={(values) => compile.mutate(values)}>
      {unruled > 0 ? (
        <Alert
          type="warning"
          showIcon
          className="form-alert"
          title={t('event.compile.unruled', { count: unruled })}
        />
      ) : null}
      <OpinionsFields />
      <Button type="primary" htmlType="submit" icon={<FileDoneOutlined />} loading={compile.isPending}>
        {t('event.action.compileOpinions')}
      </Button>
    </Form>
  );
}

/** The government office edits the preface and number (each edit is kept in the history). */
function EditForm({ event, onDone }: { event: EventDetail; onDone: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const edit = useEventAction<Values>({
    event,
    form,
    send: (values, version) =>
      unwrap(
        api.POST('/api/events/{id}/opinions/edit', {
          params: { path: { id: event.id } },
          body: { preface: values.preface.trim(), opinionsNumber: values.opinionsNumber.trim(), version },
        }),
      ),
    done: t('event.editOpinions.done'),
    fields: { 'event.document_number_invalid': 'opinionsNumber' },
    onDone,
  });
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={{ preface: event.opinionsPreface ?? '', opinionsNumber: event.opinionsNumber ?? '' }}
      onFinish={(values) => edit.mutate(values)}
    >
      <OpinionsFields />
      <div className="form-actions">
        <Button onClick={onDone}>{t('common.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={edit.isPending}>
          {t('common.save')}
        </Button>
      </div>
    </Form>
  );
}

/**
 * 处理意见: compiled by the office from the rulings, edited by the government office (preface, number and
 * the rulings themselves), approved by a leader, which assigns every item to its units.
 */
export function OpinionsTab({ event }: { event: EventDetail }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const allowed = new Set(event.allowedActions);
  const [editing, setEditing] = useState(false);
  const approve = useEventAction<void>({
    event,
    send: (_, version) =>
      unwrap(
        api.POST('/api/events/{id}/opinions/approve', {
          params: { path: { id: event.id } },
          body: { version },
        }),
      ),
    done: t('event.approveOpinions.done', { count: event.items.length }),
  });
  const compiled = reached(event, 'opinionsDrafted');

  return (
    <section aria-labelledby="opinions-title">
      <div className="section-head">
        <h2 id="opinions-title" className="tab-title">
          {t('event.tab.opinions')}
        </h2>
        <div className="action-buttons">
          {event.opinionsPreface ? <DownloadButton event={event} file="opinions.docx" /> : null}
          {allowed.has('editOpinions') && !editing ? (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t('event.action.editOpinions')}
            </Button>
          ) : null}
          {allowed.has('recordRuling') && event.status === 'opinionsDrafted' ? (
            <Button icon={<EditOutlined />} onClick={() => navigate(`/events/${event.id}/rulings`)}>
              {t('event.editRulings')}
            </Button>
          ) : null}
          {allowed.has('approveOpinions') ? (
            <Popconfirm
              title={t('event.approveOpinions.confirm', { count: event.items.length })}
              okText={t('common.confirm')}
              cancelText={t('common.cancel')}
              onConfirm={() => approve.mutateAsync().catch(() => undefined)}
            >
              <Button type="primary" icon={<CheckOutlined />} loading={approve.isPending}>
                {t('event.action.approveOpinions')}
              </Button>
            </Popconfirm>
          ) : null}
        </div>
      </div>
      {event.status === 'opinionsApproved' && event.opinionsApprovedAt ? (
        <Alert
          type="success"
          showIcon
          className="form-alert"
          title={t('event.opinionsApproved', {
            name: event.opinionsApprovedByName ?? t('common.none'),
            at: formatDateTime(event.opinionsApprovedAt),
            count: event.items.length,
          })}
        />
      ) : null}
      {allowed.has('compileOpinions') ? <CompileForm event={event} /> : null}
      {!compiled && !allowed.has('compileOpinions') ? (
        <Alert type="info" showIcon className="form-alert" title={t('event.opinions.notYet')} />
      ) : null}
      {compiled && editing ? <EditForm event={event} onDone={() => setEditing(false)} /> : null}
      {compiled && !editing ? (
        <Descriptions column={1} size="small" className="opinions-facts">
          <Descriptions.Item label={t('event.opinionsNumber')}>{event.opinionsNumber}</Descriptions.Item>
          <Descriptions.Item label={t('event.preface')}>
            <div className="pre-wrap">{event.opinionsPreface}</div>
          </Descriptions.Item>
        </Descriptions>
      ) : null}
      {compiled ? (
        <>
          <h3 className="subsection-title">{t('event.opinions.items')}</h3>
          <RulingsTable event={event} />
        </>
      ) : null}
    </section>
  );
}
