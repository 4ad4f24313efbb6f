import { DeleteOutlined, NotificationOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Form, Input, Modal } from 'antd';
import { useEffect } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDateTime } from '../appeals/appealUi.tsx';
import { DownloadButton } from './DownloadButtons.tsx';
import { useEventAction } from './eventApi.ts';
import type { EventDetail, Leader } from './eventTypes.ts';
import { DOCUMENT_NUMBER, reached } from './eventUi.tsx';

interface Values {
  leaders: Leader[];
  noticeNumber: string;
}

/** The attending leaders and the document number; issuing the notice tells the units, enterprises and members. */
function IssueNoticeForm({ event }: { event: EventDetail }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const [modal, contextHolder] = Modal.useModal();

  // biome-ignore lint/correctness/useExhaustiveDependencies: fill once per event
  useEffect(() => {
    form.setFieldsValue({
      leaders: event.leaders.length > 0 ? event.leaders : [{ name: '', title: '' }],
      noticeNumber: event.noticeNumber ?? '',
    });
  }, [event.id]);

  const issue = useEventAction<Values>({
    event,
    form,
    send: (values, version) =>
      unwrap(
        api.POST('/api/events/{id}/notice', {
          params: { path: { id: event.id } },
          body: {
            leaders: values.leaders.map((leader) => ({
              name: leader.name.trim(),
              title: leader.title.trim(),
            })),
            noticeNumber: values.noticeNumber.trim(),
            version,
          },
        }),
      ),
    done: t('event.notice.done'),
    fields: { 'event.document_number_invalid': 'noticeNumber' },
  });

  const confirm = (values: Values) => {
    void modal.confirm({
      title: t('event.notice.confirm.title'),
      content: t('event.notice.confirm', {
        leaders: values.leaders.map((leader) => `${leader.title.trim()}${leader.name.trim()}`).join('、'),
        number: values.noticeNumber.trim(),
      }),
      okText: t('event.action.issueNotice'),
      cancelText: t('common.cancel'),
      onOk: () => issue.mutateAsync(values).catch(() => undefined),
    });
  };

  /** Fills the leader and executive deputy leader of the task force, the usual attendees. */
  const fillFromTaskForce = () => {
    const heads = event.standingMembers
      .filter((member) => member.position === 'leader' || member.position === 'executiveDeputyLeader')
      .map((member) => ({ name: member.personName, title: member.title }));
    if (heads.length > 0) form.setFieldValue('leaders', heads);
  };

  return (
    <Form<Values> form={form} layout="vertical" onFinish={confirm} className="notice-form">
      {contextHolder}
      <fieldset className="form-section">
        <legend>{t('event.leaders')}</legend>
        <p className="muted tab-help">{t('event.leaders.help')}</p>
        <Form.List
          name="leaders"
          rules={[
            {
              validator: (_, value: Leader[] | undefined) =>
                value && value.length > 0
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('event.leaders.required'))),
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((field, index) => (
                <div key={field.key} className="leader-row">
                  <Form.Item
                    label={t('event.leader.name', { index: index + 1 })}
                    name={[field.name, 'name']}
                    rules={[
                      { required: true, whitespace: true, message: t('event.leader.nameRequired') },
                      { max: 20 },
                    ]}
                  >
                    <Input maxLength={20} />
                  </Form.Item>
                  <Form.Item
                    label={t('event.leader.title', { index: index + 1 })}
                    name={[field.name, 'title']}
                    rules={[
                      { required: true, whitespace: true, message: t('event.leader.titleRequired') },
                      { max: 40 },
                    ]}
                  >
                    <Input maxLength={40} placeholder={t('event.leader.titlePlaceholder')} />
                  </Form.Item>
                  <Button
                    className="leader-remove"
                    icon={<DeleteOutlined />}
                    aria-label={t('event.leader.remove', { index: index + 1 })}
                    disabled={fields.length === 1}
                    onClick={() => remove(field.name)}
                  />
                </div>
              ))}
              <div className="form-actions">
                <Button
                  icon={<PlusOutlined />}
                  onClick={() => add({ name: '', title: '' })}
                  disabled={fields.length >= 20}
                >
                  {t('event.leader.add')}
                </Button>
                <Button onClick={fillFromTaskForce}>{t('event.leader.fromTaskForce')}</Button>
              </div>
              <Form.ErrorList errors={errors} />
            </>
          )}
        </Form.List>
      </fieldset>
      <Form.Item
        label={t('event.noticeNumber')}
        name="noticeNumber"
        extra={t('event.documentNumber.help')}
        rules={[
          { required: true, whitespace: true },
          { pattern: DOCUMENT_NUMBER, message: t('event.documentNumber.invalid') },
        ]}
      >
        <Input maxLength={40} placeholder={t('event.noticeNumber.placeholder')} className="number-input" />
      </Form.Item>
      <Button type="primary" htmlType="submit" icon={<NotificationOutlined />} loading={issue.isPending}>
        {t('event.action.issueNotice')}
      </Button>
    </Form>
  );
}

/** 活动通知: the government office settles the attending leaders and issues the notice. */
export function NoticeTab({ event }: { event: EventDetail }) {
  const { t } = useI18n();
  const mayIssue = event.allowedActions.includes('issueNotice');
  return (
    <section aria-labelledby="notice-title">
      <div className="section-head">
        <h2 id="notice-title" className="tab-title">
          {t('event.tab.notice')}
        </h2>
        {event.noticeNumber ? <DownloadButton event={event} file="notice.docx" /> : null}
      </div>
      {event.noticeIssuedAt ? (
        <Descriptions column={1} size="small" className="notice-facts">
          <Descriptions.Item label={t('event.noticeNumber')}>{event.noticeNumber}</Descriptions.Item>
          <Descriptions.Item label={t('event.noticeIssuedAt')}>
            {formatDateTime(event.noticeIssuedAt)}
          </Descriptions.Item>
          <Descriptions.Item label={t('event.leaders')}>
            {event.leaders.map((leader) => `${leader.title}${leader.name}`).join('、')}
          </Descriptions.Item>
        </Descriptions>
      ) : null}
      {mayIssue ? <IssueNoticeForm event={event} /> : null}
      {!mayIssue && !event.noticeIssuedAt ? (
        <Alert
          type="info"
          showIcon
          title={reached(event, 'approved') ? t('event.notice.waiting') : t('event.notice.afterApproval')}
        />
      ) : null}
    </section>
  );
}
