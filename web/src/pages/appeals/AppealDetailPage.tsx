import { ArrowLeftOutlined, EditOutlined, PartitionOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Popconfirm, Result, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, isApiError, unwrap } from '../../api/client.ts';
import { keys } from '../../api/queries.ts';
import type { AppealDetail, SimilarAppeal } from '../../api/types.ts';
import { useShowError } from '../../api/useShowError.ts';
import { useSession } from '../../auth/session.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PageSpin } from '../../components/PageSpin.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { canOpen, routeOf } from '../../routes.tsx';
import { ClosureNotice, HandlingSection } from '../handling/HandlingSection.tsx';
import { LevelSection } from '../levels/LevelSection.tsx';
import { RatingsSection } from '../ratings/RatingsSection.tsx';
import { SupervisionSection } from '../supervision/SupervisionSection.tsx';
import { NotAcceptedNotice, VerificationSection } from '../verification/VerificationSection.tsx';
import { AppealTimeline } from './AppealTimeline.tsx';
import { AppealStatusTag, formatDateTime, useBack, useCategoryName, useChannelName } from './appealUi.tsx';
import {
  AttachmentList,
  ChooseFilesButton,
  MAX_FILES_PER_UPLOAD,
  uploadAttachments,
} from './attachments.tsx';
import { EditAppealDrawer } from './EditAppealDrawer.tsx';
import { GroupAppealModal } from './GroupAppealModal.tsx';
import { SimilarList } from './SimilarList.tsx';
import './appeals.css';

function useOpenable(path: string): boolean {
  const { roles } = useSession();
  const route = routeOf(path);
  return route ? canOpen(route, roles) : false;
}

/** Similar appeals of a recorded one, with scores, shared terms and same-enterprise badges. */
function SimilarPanel({ items, loading }: { items: SimilarAppeal[] | undefined; loading: boolean }) {
  const { t } = useI18n();
  return (
    <Card className="section-card">
      <Typography.Title level={2} className="section-title">
        {t('similar.title')}
      </Typography.Title>
      <SimilarList items={items} loading={loading} emptyText={t('similar.none')} />
    </Card>
  );
}

/** An appeal: what it says, who raised it, its files, what happened to it, and what I may do now. */
export default function AppealDetailPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { roles } = useSession();
  const back = useBack(roles.includes('enterprise') ? '/appeals/mine' : '/');
  const queryClient = useQueryClient();
  const showError = useShowError();
  const { message } = App.useApp();
  const categoryName = useCategoryName();
  const channelName = useChannelName();
  const [editing, setEditing] = useState(false);
  const [grouping, setGrouping] = useState(false);
  const mayOpenEnterprise = useOpenable('/enterprises/:id');
  const mayOpenIssue = useOpenable('/common-issues/:id');
  // GET /api/appeals/:id/similar is the office's and collectors' (an access rule, not a workflow one).
  const showSimilar = roles.includes('taskForceOffice') || roles.includes('collector');

  const appeal = useQuery({
    queryKey: keys.appeal(id),
    queryFn: () => unwrap(api.GET('/api/appeals/{id}', { params: { path: { id } } })),
  });
  const similar = useQuery({
    queryKey: [...keys.appeal(id), 'similar'],
    queryFn: () => unwrap(api.GET('/api/appeals/{id}/similar', { params: { path: { id } } })),
    enabled: showSimilar && Boolean(appeal.data),
  });

  const refresh = async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: keys.appeal(id) }),
      queryClient.invalidateQueries({ queryKey: [...keys.appeals, 'list'] }),
    ]);
  };

  const upload = useMutation({
    mutationFn: (files: File[]) => uploadAttachments(id, files),
    onSuccess: async (added) => {
      message.success(t('attachment.uploaded', { count: added.length }));
      await refresh();
    },
    onError: (error) => showError(error),
  });

  const ungroup = useMutation({
    mutationFn: (detail: AppealDetail) =>
      unwrap(
        api.DELETE('/api/common-issues/{id}/appeals/{appealId}', {
          params: { path: { id: detail.commonIssueId ?? '', appealId: detail.id } },
        }),
      ),
    onSuccess: async () => {
      message.success(t('issue.removed'));
      await Promise.all([refresh(), queryClient.invalidateQueries({ queryKey: keys.commonIssues })]);
    },
    onError: (error) => showError(error),
  });

  if (appeal.isLoading) return <PageSpin />;
  if (!appeal.data) {
    const missing = isApiError(appeal.error, 'appeal.not_found');
    return (
      <>
        <PageHeader title={t('menu.appeal')} />
        <Result
          status={missing ? '404' : 'warning'}
          title={<h2 className="result-title">{missing ? t('appeal.notFound') : t('error.unexpected')}</h2>}
          extra={
            <Button type="primary" onClick={() => back()}>
              {t('common.back')}
            </Button>
          }
        />
      </>
    );
  }

  const detail = appeal.data;
  const allowed = new Set(detail.allowedActions);

  return (
    <>
      <PageHeader
        title={detail.title}
        description={
          <span className="appeal-subtitle">
            <span>{t('appeal.numberLine', { number: detail.number })}</span>
            <AppealStatusTag status={detail.status} />
          </span>
        }
        extra={
          <>
            <Button icon={<ArrowLeftOutlined />} onClick={() => back()}>
              {t('common.back')}
            </Button>
            {allowed.has('edit') ? (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {t('appeal.edit')}
              </Button>
            ) : null}
            {allowed.has('groupIntoCommonIssue') ? (
              <Button type="primary" icon={<PartitionOutlined />} onClick={() => setGrouping(true)}>
                {t('appeal.group')}
              </Button>
            ) : null}
            {allowed.has('removeFromCommonIssue') ? (
              <Popconfirm
                title={t('issue.remove.confirm', {
                  number: detail.number,
                  title: detail.commonIssueTitle ?? '',
                })}
                okText={t('common.confirm')}
                cancelText={t('common.cancel')}
                onConfirm={() => ungroup.mutateAsync(detail).catch(() => undefined)}
              >
                <Button danger loading={ungroup.isPending}>
                  {t('appeal.ungroup')}
                </Button>
              </Popconfirm>
            ) : null}
          </>
        }
      />
      <NotAcceptedNotice appeal={detail} />
      <ClosureNotice appeal={detail} />
      <div className="detail-layout">
        <div className="detail-main">
          <Card className="section-card">
            <Typography.Title level={2} className="section-title">
              {t('appeal.content')}
            </Typography.Title>
            <div className="appeal-content">{detail.content}</div>
          </Card>
          <Card className="section-card">
            <Typography.Title level={2} className="section-title">
              {t('appeal.info')}
            </Typography.Title>
            <Descriptions column={{ xs: 1, sm: 2 }} size="small" className="appeal-info">
              <Descriptions.Item label={t('appeal.enterprise')}>
                {mayOpenEnterprise ? (
                  <Link to={`/enterprises/${detail.enterpriseId}`}>{detail.enterpriseName}</Link>
                ) : (
                  detail.enterpriseName
                )}
              </Descriptions.Item>
              <Descriptions.Item label={t('enterprise.creditCode')}>
                <span className="code-text">{detail.creditCode}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('appeal.region')}>{detail.regionName}</Descriptions.Item>
              <Descriptions.Item label={t('appeal.handlingRegion')}>
                {detail.handlingRegionName}
              </Descriptions.Item>
              <Descriptions.Item label={t('appeal.category')}>
                {categoryName(detail.category)}
              </Descriptions.Item>
              <Descriptions.Item label={t('appeal.channel')}>{channelName(detail.channel)}</Descriptions.Item>
              <Descriptions.Item label={t('appeal.collectingUnit')}>
                {detail.collectingUnitName ?? t('common.none')}
              </Descriptions.Item>
              <Descriptions.Item label={t('appeal.recordedBy')}>
                {detail.recordedByName ?? t('common.none')}
              </Descriptions.Item>
              <Descriptions.Item label={t('appeal.submittedAt')}>
                {formatDateTime(detail.submittedAt)}
              </Descriptions.Item>
              <Descriptions.Item label={t('appeal.commonIssue')}>
                {detail.commonIssueId && detail.commonIssueTitle ? (
                  mayOpenIssue ? (
                    <Link to={`/common-issues/${detail.commonIssueId}`}>{detail.commonIssueTitle}</Link>
                  ) : (
                    detail.commonIssueTitle
                  )
                ) : (
                  t('common.none')
                )}
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <LevelSection appeal={detail} />
          <VerificationSection appeal={detail} />
          <HandlingSection appeal={detail} />
          <SupervisionSection appeal={detail} />
          <RatingsSection appeal={detail} />
          <Card className="section-card">
            <div className="section-head">
              <Typography.Title level={2} className="section-title">
                {t('attachment.title')}
                <span className="section-count muted">{detail.attachments.length}</span>
              </Typography.Title>
              {allowed.has('addAttachment') ? (
                <ChooseFilesButton
                  label={t('attachment.upload')}
                  loading={upload.isPending}
                  onChoose={(files) => upload.mutate(files.slice(0, MAX_FILES_PER_UPLOAD))}
                />
              ) : null}
            </div>
            <AttachmentList appealId={detail.id} attachments={detail.attachments} />
          </Card>
        </div>
        <div className="detail-side">
          <Card className="section-card">
            <Typography.Title level={2} className="section-title">
              {t('timeline.title')}
            </Typography.Title>
            <AppealTimeline entries={detail.timeline} />
          </Card>
          {showSimilar ? <SimilarPanel items={similar.data} loading={similar.isFetching} /> : null}
        </div>
      </div>
      {allowed.has('edit') ? (
        <EditAppealDrawer open={editing} appeal={detail} onClose={() => setEditing(false)} />
      ) : null}
      {allowed.has('groupIntoCommonIssue') ? (
        <GroupAppealModal
          open={grouping}
          appeal={detail}
          similar={similar.data ?? []}
          onClose={() => setGrouping(false)}
          onDone={() => setGrouping(false)}
        />
      ) : null}
    </>
  );
}
