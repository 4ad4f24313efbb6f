import { DownloadOutlined } from '@ant-design/icons';
import { verificationRequestStatuses, verificationRequestStatusLabels } from '@f2f/contract';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Pagination, Select } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client.ts';
import { saveDownload } from '../../api/download.ts';
import { keys } from '../../api/queries.ts';
import type { VerificationRequest } from '../../api/types.ts';
import { useShowError } from '../../api/useShowError.ts';
import { useSession } from '../../auth/session.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PageSpin } from '../../components/PageSpin.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDateTime } from '../appeals/appealUi.tsx';
import { AnswerForm } from './AnswerForm.tsx';
import { RequestDue, RequestStatusTag } from './verificationUi.tsx';
import '../appeals/appeals.css';
import './verification.css';

type Status = VerificationRequest['status'];

const PAGE_SIZE = 20;
const statusRank: Record<Status, number> = { open: 0, answered: 1, withdrawn: 2 };

function statusOf(value: string | null): Status | undefined {
  return verificationRequestStatuses.find((status) => status === value);
}

/** Open requests first (the most urgent first), then answered, then withdrawn ones. */
function ordered(items: readonly VerificationRequest[]): VerificationRequest[] {
  return [...items].sort(
    (a, b) =>
      statusRank[a.status] - statusRank[b.status] ||
      (a.status === 'open' ? a.dueDate.localeCompare(b.dueDate) : 0),
  );
}

function RequestCard({
  request,
  mayAnswer,
  showUnit,
}: {
  request: VerificationRequest;
  mayAnswer: boolean;
  showUnit: boolean;
}) {
  const { t } = useI18n();
  return (
    <li className={request.overdue ? 'request-card request-item-overdue' : 'request-card'}>
      <Link to={`/appeals/${request.appealId}`} className="request-card-title">
        {request.appealTitle}
      </Link>
      <div className="request-card-meta">
        <RequestStatusTag status={request.status} />
        <span className="muted">{request.appealNumber}</span>
        <span className="muted">{request.enterpriseName}</span>
      </div>
      <div className="request-card-meta">
        <RequestDue request={request} />
      </div>
      {showUnit ? (
        <div>
          <span className="muted">{t('request.unitLabel')}</span>
          {request.unitName}
        </div>
      ) : null}
      <div className="verify-text">
        <span className="muted">{t('request.questionLabel')}</span>
        {request.question}
      </div>
      <div className="muted verify-meta">
        {t('request.requestedBy', {
          name: request.requestedByName ?? t('common.none'),
          at: formatDateTime(request.requestedAt),
        })}
      </div>
      {request.answer ? (
        <div className="request-answer">
          <div className="request-answer-label">{t('request.answer')}</div>
          <div className="verify-text">{request.answer}</div>
          {request.answeredAt ? (
            <div className="muted verify-meta">
              {t('request.answeredBy', {
                name: request.answeredByName ?? t('common.none'),
                at: formatDateTime(request.answeredAt),
              })}
            </div>
          ) : null}
        </div>
      ) : null}
      {mayAnswer && request.status === 'open' ? <AnswerForm request={request} /> : null}
    </li>
  );
}

/**
 * 核实请求: for a unit's handlers and leader, what the office asked their unit to verify, with the
 * deadlines and a form to answer each open one; for the office and those who oversee it, every
 * request of their region and its answer.
 */
export default function VerificationRequestsPage() {
  const { t, label } = useI18n();
  const { session, roles } = useSession();
  const [params, setParams] = useSearchParams();
  const status = statusOf(params.get('status'));
  const page = Math.max(1, Number(params.get('page')) || 1);
  const answerer = roles.includes('handler') || roles.includes('unitLeader');
  const myUnitId = session?.person.unitId ?? null;

  const requests = useQuery({
    queryKey: [...keys.verificationRequests, { status, page }],
    queryFn: () =>
      unwrap(
        api.GET('/api/verification-requests', { params: { query: { status, page, pageSize: PAGE_SIZE } } }),
      ),
    placeholderData: keepPreviousData,
  });
  const items = ordered(requests.data?.items ?? []);
  // Requests of other units too (the office, oversight): say which unit each one is for.
  const showUnit = items.some((request) => request.unitId !== myUnitId);

  const showError = useShowError();
  // The same filter as the list, every request.
  const exportFile = useMutation({
    mutationFn: () =>
      saveDownload(
        api.GET('/api/verification-requests/export.xlsx', { params: { query: { status } }, parseAs: 'blob' }),
        'verification-requests.xlsx',
      ),
    onError: (error) => showError(error),
  });

  const update = (next: { status?: Status | undefined; page?: number }) => {
    const search = new URLSearchParams();
    const nextStatus = 'status' in next ? next.status : status;
    if (nextStatus) search.set('status', nextStatus);
    const nextPage = next.page ?? 1;
    if (nextPage > 1) search.set('page', String(nextPage));
    setParams(search, { replace: true });
  };

  return (
    <>
      <PageHeader
        title={t('menu.verificationRequests')}
        description={answerer ? t('requests.description.unit') : t('requests.description.office')}
        extra={
          <Button
            icon={<DownloadOutlined />}
            loading={exportFile.isPending}
            onClick={() => exportFile.mutate()}
          >
            {t('requests.export')}
          </Button>
        }
      />
      <search className="request-filter filter-bar" aria-label={t('pool.filters')}>
        <div className="filter-field">
          <label htmlFor="requests-status">{t('common.status')}</label>
          <Select<Status>
            id="requests-status"
            allowClear
            placeholder={t('common.all')}
            value={status}
            onChange={(value) => update({ status: value })}
            options={verificationRequestStatuses.map((value) => ({
              value,
              label: label(verificationRequestStatusLabels[value]),
            }))}
          />
        </div>
      </search>
      {requests.isLoading ? (
        <PageSpin />
      ) : items.length === 0 ? (
        <Card>
          <Empty description={t('requests.empty')} />
        </Card>
      ) : (
        <>
          <ul className="request-cards" aria-busy={requests.isFetching}>
            {items.map((request) => (
              <RequestCard
                key={request.id}
                request={request}
                showUnit={showUnit}
                mayAnswer={answerer && myUnitId === request.unitId}
              />
            ))}
          </ul>
          <Pagination
            className="cards-pagination"
            current={page}
            pageSize={PAGE_SIZE}
            total={requests.data?.total ?? 0}
            onChange={(next) => update({ page: next })}
            showTotal={(count) => t('common.total', { total: count })}
            hideOnSinglePage
          />
        </>
      )}
    </>
  );
}
