import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import {
  type AppealChannel,
  type ProjectStage,
  projectStageLabels,
  projectStages,
  type Role,
} from '@f2f/contract';
import { useQuery } from '@tanstack/react-query';
import {
  Button,
  Card,
  Descriptions,
  Empty,
  Grid,
  Result,
  Steps,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, isApiError, unwrap } from '../../api/client.ts';
import { keys } from '../../api/queries.ts';
import type { AppealListItem, EnterpriseOverview } from '../../api/types.ts';
import { useSession } from '../../auth/session.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PageSpin } from '../../components/PageSpin.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { canOpen, routeOf } from '../../routes.tsx';
import {
  AppealStatusTag,
  formatDate,
  formatDateTime,
  useBack,
  useCategoryName,
  useChannelName,
} from '../appeals/appealUi.tsx';
import { EnterpriseDrawer } from './EnterpriseDrawer.tsx';
import { EnterpriseFlags } from './enterpriseUi.tsx';
import '../appeals/appeals.css';

/** Who may change an enterprise (PATCH /api/enterprises/:id); the server decides which fields. */
const EDITORS: readonly Role[] = ['enterprise', 'collector', 'taskForceOffice', 'admin'];

type Stage = EnterpriseOverview['stages'][number];

/** 落户 → 动工 → 竣工 → 投产, with planned and actual dates. */
function StageSteps({ stages }: { stages: readonly Stage[] }) {
  const { t, label } = useI18n();
  const vertical = Grid.useBreakpoint().md === false;
  const byStage = new Map<ProjectStage, Stage>(stages.map((stage) => [stage.stage, stage]));
  // The last stage reached (with an actual date) is where the project stands.
  let reached = -1;
  projectStages.forEach((stage, index) => {
    if (byStage.get(stage)?.actualDate) reached = index;
  });
  return (
    <Steps
      className="stage-steps"
      orientation={vertical ? 'vertical' : 'horizontal'}
      current={Math.max(reached, 0)}
      status={reached < 0 ? 'wait' : 'process'}
      items={projectStages.map((stage, index) => {
        const record = byStage.get(stage);
        return {
          title: label(projectStageLabels[stage]),
          status: index <= reached ? 'finish' : 'wait',
          content: (
            <div className="stage-dates">
              <div>
                {t('enterprise.stage.actualShort')}：{record?.actualDate ?? t('enterprise.stage.notYet')}
              </div>
              <div className="muted">
                {t('enterprise.stage.plannedShort')}：{record?.plannedDate ?? t('common.none')}
              </div>
              {record?.note ? <div className="muted">{record.note}</div> : null}
            </div>
          ),
        };
      })}
    />
  );
}

/** 企业 360°: the enterprise with its stages, appeals from every channel, meetings and contacts. */
export default function EnterpriseOverviewPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { roles } = useSession();
  const back = useBack('/');
  const categoryName = useCategoryName();
  const channelName = useChannelName();
  const [editing, setEditing] = useState(false);
  const narrow = Grid.useBreakpoint().sm === false;
  const poolRoute = routeOf('/appeals');
  const mayOpenPool = poolRoute ? canOpen(poolRoute, roles) : false;
  const mayEdit = roles.some((role) => EDITORS.includes(role));

  const overview = useQuery({
    queryKey: [...keys.enterprises, 'overview', id],
    queryFn: () => unwrap(api.GET('/api/enterprises/{id}/overview', { params: { path: { id } } })),
  });

  if (overview.isLoading) return <PageSpin />;
  if (!overview.data) {
    const missing = isApiError(overview.error, 'enterprise.not_found');
    return (
      <>
        <PageHeader title={t('menu.enterprise')} />
        <Result
          status={missing ? '404' : 'warning'}
          title={
            <h2 className="result-title">{missing ? t('enterprise.notFound') : t('error.unexpected')}</h2>
          }
          extra={
            <Button type="primary" onClick={() => back()}>
              {t('common.back')}
            </Button>
          }
        />
      </>
    );
  }

  const { enterprise, appeals, appealTotal, counts, exchanges, contacts, accounts } = overview.data;

  const appealColumns: TableColumnsType<AppealListItem> = [
    {
      title: t('appeal.number'),
      dataIndex: 'number',
      render: (number: string, appeal) => (
        <Link to={`/appeals/${appeal.id}`} className="nowrap">
          {number}
        </Link>
      ),
    },
    {
      title: t('appeal.title'),
      dataIndex: 'title',
      render: (title: string, appeal) => (
        <div>
          <div>{title}</div>
          {narrow ? (
            <div className="muted cell-small">
              {channelName(appeal.channel)} · {formatDate(appeal.submittedAt)}
            </div>
          ) : null}
        </div>
      ),
    },
    {
      title: t('appeal.channel'),
      dataIndex: 'channel',
      responsive: ['sm'],
      render: (channel: AppealChannel, appeal) => (
        <div>
          <div>{channelName(channel)}</div>
          {appeal.collectingUnitName ? (
            <div className="muted cell-small">{appeal.collectingUnitName}</div>
          ) : null}
        </div>
      ),
    },
    {
      title: t('appeal.category'),
      dataIndex: 'category',
      responsive: ['md'],
      render: (code: string) => categoryName(code),
    },
    {
      title: t('common.status'),
      dataIndex: 'status',
      responsive: ['sm'],
      render: (_, appeal) => <AppealStatusTag status={appeal.status} />,
    },
    {
      title: t('appeal.submittedAt'),
      dataIndex: 'submittedAt',
      responsive: ['md'],
      render: (at: string) => <span className="nowrap">{formatDateTime(at)}</span>,
    },
  ];

  return (
    <>
      <PageHeader
        title={enterprise.name}
        description={t('overview.description')}
        extra={
          <>
            <Button icon={<ArrowLeftOutlined />} onClick={() => back()}>
              {t('common.back')}
            </Button>
            {mayEdit ? (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {t('enterprise.edit')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card className="section-card overview-header">
        <Typography.Title level={2} className="visually-hidden">
          {t('overview.basics')}
        </Typography.Title>
        {enterprise.scale || enterprise.tags.length > 0 || enterprise.isProject ? (
          <div className="overview-flags">
            <EnterpriseFlags scale={enterprise.scale} tags={enterprise.tags} />
            {enterprise.isProject ? <Tag className="project-tag">{t('enterprise.isProject')}</Tag> : null}
          </div>
        ) : null}
        <Descriptions column={{ xs: 1, sm: 2, lg: 3 }} size="small">
          <Descriptions.Item label={t('enterprise.creditCode')}>
            <span className="code-text">{enterprise.creditCode}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('enterprise.region')}>{enterprise.regionName}</Descriptions.Item>
          <Descriptions.Item label={t('enterprise.industry')}>
            {enterprise.industry ?? t('common.none')}
          </Descriptions.Item>
          <Descriptions.Item label={t('enterprise.legalRepresentative')}>
            {enterprise.legalRepresentative ?? t('common.none')}
          </Descriptions.Item>
          <Descriptions.Item label={t('enterprise.address')}>
            {enterprise.address ?? t('common.none')}
          </Descriptions.Item>
          <Descriptions.Item label={t('enterprise.appealCount')}>{appealTotal}</Descriptions.Item>
        </Descriptions>
        {counts.byChannel.length > 0 ? (
          <div className="overview-counts">
            <span className="muted">{t('overview.byChannel')}</span>
            {counts.byChannel.map((item) => (
              <Tag key={item.channel} className="count-tag">
                {channelName(item.channel)} {item.count}
              </Tag>
            ))}
          </div>
        ) : null}
        {counts.byCategory.length > 0 ? (
          <div className="overview-counts">
            <span className="muted">{t('overview.byCategory')}</span>
            {counts.byCategory.map((item) => (
              <Tag key={item.category} className="count-tag">
                {categoryName(item.category)} {item.count}
              </Tag>
            ))}
          </div>
        ) : null}
      </Card>
      {enterprise.isProject ? (
        <Card className="section-card">
          <Typography.Title level={2} className="section-title">
            {t('overview.stages')}
          </Typography.Title>
          <StageSteps stages={overview.data.stages} />
        </Card>
      ) : null}
      <Card className="section-card">
        <div className="section-head">
          <Typography.Title level={2} className="section-title">
            {t('overview.appeals')}
            <span className="section-count muted">{appealTotal}</span>
          </Typography.Title>
          {mayOpenPool ? (
            <Link to={`/appeals?enterpriseId=${enterprise.id}`}>{t('overview.appeals.all')}</Link>
          ) : null}
        </div>
        <Table<AppealListItem>
          rowKey="id"
          size="small"
          columns={appealColumns}
          dataSource={appeals}
          locale={{
            emptyText: (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('overview.appeals.none')} />
            ),
          }}
          pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
        />
      </Card>
      <div className="overview-columns">
        <Card className="section-card">
          <Typography.Title level={2} className="section-title">
            {t('overview.exchanges')}
          </Typography.Title>
          {exchanges.length === 0 ? (
            <p className="muted">{t('overview.exchanges.none')}</p>
          ) : (
            <ul className="exchange-list">
              {exchanges.map((exchange) => (
                <li key={exchange.id}>
                  <div className="exchange-head">
                    <span className="cell-strong">{exchange.title}</span>
                    <Tag className="count-tag">{channelName(exchange.channel)}</Tag>
                  </div>
                  <div className="muted cell-small">
                    {formatDate(exchange.date)}
                    {exchange.venue ? ` · ${exchange.venue}` : ''}
                    {' · '}
                    {t('overview.exchange.appeals', { count: exchange.appealCount })}
                  </div>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card className="section-card">
          <Typography.Title level={2} className="section-title">
            {t('overview.contacts')}
          </Typography.Title>
          {contacts.length === 0 ? (
            <p className="muted">{t('enterprise.contacts.none')}</p>
          ) : (
            <ul className="contact-list">
              {contacts.map((contact) => (
                <li key={`${contact.name}|${contact.phone ?? ''}|${contact.email ?? ''}`}>
                  <div className="cell-strong">
                    {contact.name}
                    {contact.title ? <span className="muted"> · {contact.title}</span> : null}
                  </div>
                  <div className="contact-lines">
                    {contact.phone ? <a href={`tel:${contact.phone}`}>{contact.phone}</a> : null}
                    {contact.email ? <a href={`mailto:${contact.email}`}>{contact.email}</a> : null}
                  </div>
                </li>
              ))}
            </ul>
          )}
          {accounts ? (
            <>
              <Typography.Title level={3} className="subsection-title accounts-title">
                {t('overview.accounts')}
              </Typography.Title>
              {accounts.length === 0 ? (
                <p className="muted">{t('overview.accounts.none')}</p>
              ) : (
                <ul className="contact-list">
                  {accounts.map((account) => (
                    <li key={account.id}>
                      <div className="cell-strong">
                        {account.name} <span className="muted">（{account.username}）</span>
                        <StatusTag active={account.active} />
                      </div>
                      <div className="muted cell-small">
                        {account.lastLoginAt
                          ? t('overview.account.lastLogin', { at: formatDateTime(account.lastLoginAt) })
                          : t('people.neverLoggedIn')}
                      </div>
                    </li>
                  ))}
                </ul>
              )}
            </>
          ) : null}
        </Card>
      </div>
      {mayEdit ? (
        <EnterpriseDrawer open={editing} enterpriseId={enterprise.id} onClose={() => setEditing(false)} />
      ) : null}
    </>
  );
}
