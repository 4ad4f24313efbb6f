import { ArrowLeftOutlined, EditOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { eventStatuses, eventStatusLabels } from '@f2f/contract';
import { Alert, Button, Card, Descriptions, Grid, Result, Select, Steps, Tabs } from 'antd';
import dayjs from 'dayjs';
import { type ReactNode, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { isApiError } from '../../api/client.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PageSpin } from '../../components/PageSpin.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { formatDateTime } from '../appeals/appealUi.tsx';
import { ApprovalTab } from './ApprovalTab.tsx';
import { CatalogueTab } from './CatalogueTab.tsx';
import { DownloadButtons } from './DownloadButtons.tsx';
import { EditEventModal } from './EditEventModal.tsx';
import { useEvent } from './eventApi.ts';
import type { EventDetail } from './eventTypes.ts';
import { CatalogueDueNote, EventStatusTag, statusIndex, useEventKindName } from './eventUi.tsx';
import { HistoryTab } from './HistoryTab.tsx';
import { NoticeTab } from './NoticeTab.tsx';
import { OpinionsTab } from './OpinionsTab.tsx';
import { RulingsTab } from './RulingsTab.tsx';
import { TaskForceTab } from './TaskForceTab.tsx';
import '../appeals/appeals.css';
import './events.css';

const tabKeys = ['catalogue', 'taskForce', 'approval', 'notice', 'rulings', 'opinions', 'history'] as const;
type TabKey = (typeof tabKeys)[number];

function tabOf(value: string | null): TabKey {
  return tabKeys.find((key) => key === value) ?? 'catalogue';
}

interface NextStep {
  text: MessageKey;
  tab: TabKey;
  button: MessageKey;
}

/** What the signed-in person is expected to do next, from the actions the server allows them. */
function nextStep(event: EventDetail): NextStep | null {
  const allowed = new Set(event.allowedActions);
  if (allowed.has('submitCatalogue')) {
    return event.items.length === 0
      ? { text: 'event.next.addItems', tab: 'catalogue', button: 'event.tab.catalogue' }
      : { text: 'event.next.submit', tab: 'approval', button: 'event.tab.approval' };
  }
  if (allowed.has('approveCatalogue'))
    return { text: 'event.next.approve', tab: 'approval', button: 'event.tab.approval' };
  if (allowed.has('recordProposal'))
    return { text: 'event.next.proposal', tab: 'approval', button: 'event.tab.approval' };
  if (allowed.has('issueNotice'))
    return { text: 'event.next.notice', tab: 'notice', button: 'event.tab.notice' };
  if (allowed.has('compileOpinions')) {
    return event.items.every((item) => item.ruling)
      ? { text: 'event.next.compile', tab: 'opinions', button: 'event.tab.opinions' }
      : { text: 'event.next.rulings', tab: 'rulings', button: 'event.tab.rulings' };
  }
  if (allowed.has('editOpinions'))
    return { text: 'event.next.editOpinions', tab: 'opinions', button: 'event.tab.opinions' };
  if (allowed.has('approveOpinions'))
    return { text: 'event.next.approveOpinions', tab: 'opinions', button: 'event.tab.opinions' };
  return null;
}

/** One Face-to-Face event: its facts, progress, and a tab per step of the cycle. */
export default function EventPage() {
  const { id = '' } = useParams();
  const { t, label } = useI18n();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState(false);
  const screens = Grid.useBreakpoint();
  const narrow = screens.md === false;
  const kindName = useEventKindName();
  const query = useEvent(id);
  const tab = tabOf(params.get('tab'));

  const setTab = (key: string) => {
    const next = new URLSearchParams(params);
    if (key === 'catalogue') next.delete('tab');
    else next.set('tab', key);
    setParams(next, { replace: true });
  };

  if (query.isLoading) return <PageSpin />;
  const event = query.data;
  if (!event) {
    const missing = isApiError(query.error, 'event.not_found');
    return (
      <>
        <PageHeader title={t('menu.event')} />
        <Result
          status={missing ? '404' : 'warning'}
          title={<h2 className="result-title">{missing ? t('event.notFound') : t('error.unexpected')}</h2>}
          extra={
            <Button type="primary" onClick={() => navigate('/events')}>
              {t('event.backToList')}
            </Button>
          }
        />
      </>
    );
  }

  const allowed = new Set(event.allowedActions);
  const step = nextStep(event);
  const current = statusIndex(event.status);
  const ruled = event.items.filter((item) => item.ruling).length;

  const tabs: { key: TabKey; label: string; children: ReactNode }[] = [
    {
      key: 'catalogue',
      label: `${t('event.tab.catalogue')}（${event.items.length}）`,
      children: <CatalogueTab event={event} />,
    },
    { key: 'taskForce', label: t('event.tab.taskForce'), children: <TaskForceTab event={event} /> },
    { key: 'approval', label: t('event.tab.approval'), children: <ApprovalTab event={event} /> },
    { key: 'notice', label: t('event.tab.notice'), children: <NoticeTab event={event} /> },
    {
      key: 'rulings',
      label: `${t('event.tab.rulings')}（${ruled}/${event.items.length}）`,
      children: <RulingsTab event={event} />,
    },
    { key: 'opinions', label: t('event.tab.opinions'), children: <OpinionsTab event={event} /> },
    { key: 'history', label: t('event.tab.history'), children: <HistoryTab event={event} /> },
  ];

  return (
    <>
      <PageHeader
        title={event.title}
        description={
          <span className="event-subtitle">
            <span>{kindName(event.kind)}</span>
            <EventStatusTag status={event.status} />
          </span>
        }
        extra={
          <>
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/events')}>
              {t('event.backToList')}
            </Button>
            <Button onClick={() => navigate(`/events/${event.id}/accountability`)}>
              {t('accountability.open')}
            </Button>
            {allowed.has('editEvent') ? (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {t('event.action.editEvent')}
              </Button>
            ) : null}
            {allowed.has('recordRuling') ? (
              <Button
                type="primary"
                icon={<ThunderboltOutlined />}
                onClick={() => navigate(`/events/${event.id}/rulings`)}
              >
                {t('ruling.open')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card className="section-card">
        <Descriptions column={{ xs: 1, sm: 2, xl: 3 }} size="small" className="event-facts">
          <Descriptions.Item label={t('event.date')}>
            {event.date}（{dayjs(event.date).format('dddd')}）
          </Descriptions.Item>
          <Descriptions.Item label={t('event.venue')}>{event.venue}</Descriptions.Item>
          <Descriptions.Item label={t('event.region')}>{event.regionName}</Descriptions.Item>
          <Descriptions.Item label={t('event.catalogueDue')}>
            <CatalogueDueNote event={event} />
          </Descriptions.Item>
          <Descriptions.Item label={t('event.submittedAt')}>
            {event.catalogueSubmittedAt ? formatDateTime(event.catalogueSubmittedAt) : t('event.notYet')}
          </Descriptions.Item>
          <Descriptions.Item label={t('event.noticeNumber')}>
            {event.noticeNumber ?? t('event.notYet')}
          </Descriptions.Item>
        </Descriptions>
        <div className="event-downloads">
          <span className="muted download-label">{t('event.downloads')}</span>
          <DownloadButtons event={event} />
        </div>
      </Card>
      {narrow ? null : (
        <Card className="section-card event-progress-card">
          <h2 className="visually-hidden">{t('event.progress')}</h2>
          <Steps
            size="small"
            current={current}
            status={event.status === 'opinionsApproved' ? 'finish' : 'process'}
            orientation={screens.lg ? 'horizontal' : 'vertical'}
            items={eventStatuses.map((status) => ({ title: label(eventStatusLabels[status]) }))}
          />
        </Card>
      )}
      {step ? (
        <Alert
          type="info"
          showIcon
          className="form-alert next-step"
          title={t(step.text, { date: event.catalogueDueDate })}
          action={
            tab === step.tab ? null : (
              <Button size="small" onClick={() => setTab(step.tab)}>
                {t(step.button)}
              </Button>
            )
          }
        />
      ) : null}
      <Card className="section-card">
        {narrow ? (
          // A phone: a list of sections rather than tabs that would scroll out of sight behind a "more" button.
          <>
            <div className="section-select">
              <label htmlFor="event-section">{t('event.section')}</label>
              <Select<TabKey>
                id="event-section"
                value={tab}
                onChange={setTab}
                options={tabs.map((item) => ({ value: item.key, label: item.label }))}
              />
            </div>
            {tabs.find((item) => item.key === tab)?.children}
          </>
        ) : (
          <Tabs activeKey={tab} onChange={setTab} items={tabs} className="event-tabs" />
        )}
      </Card>
      {allowed.has('editEvent') ? (
        <EditEventModal open={editing} event={event} onClose={() => setEditing(false)} />
      ) : null}
    </>
  );
}
