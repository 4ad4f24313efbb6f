import { CheckOutlined, DownloadOutlined } from '@ant-design/icons';
import { assignmentStatusLabels } from '@f2f/contract';
import { keepPreviousData, useMutation, useQueries, useQuery } from '@tanstack/react-query';
import { Button, Card, Checkbox, Empty, Pagination, Select } from 'antd';
import { useState } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client.ts';
import { saveDownload } from '../../api/download.ts';
import { keys } from '../../api/queries.ts';
import { useShowError } from '../../api/useShowError.ts';
import { useSession } from '../../auth/session.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PageSpin } from '../../components/PageSpin.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { AcceptModal } from './AcceptModal.tsx';
import {
  type AssignmentListItem,
  type AssignmentQuery,
  type AssignmentStatus,
  handlingKeys,
} from './handlingApi.ts';
import { AssignmentClock, AssignmentStatusTag, acceptanceLate, UnitRoleTag } from './handlingUi.tsx';
import '../appeals/appeals.css';
import '../verification/verification.css';
import './handling.css';

const PAGE_SIZE = 20;
/** The statuses in the filter, in the order of the work. */
const STATUSES: readonly AssignmentStatus[] = ['pending', 'accepted', 'reported', 'closed', 'returned'];
/** The page of the office and oversight: every assignment of their region. */
export const OVERVIEW_PATH = '/assignments/overview';

type StatusFilter = AssignmentStatus | 'all';
type Role = 'lead' | 'co';

function statusOf(value: string | null): StatusFilter | undefined {
  if (value === 'all') return 'all';
  return STATUSES.find((status) => status === value);
}

function roleOf(value: string | null): Role | undefined {
  return value === 'lead' || value === 'co' ? value : undefined;
}

function fetchAssignments(query: AssignmentQuery) {
  return unwrap(api.GET('/api/assignments', { params: { query } }));
}

/** 签收 from the list: the appeal (its version) is loaded when the button is pressed. */
function AcceptFromList({ item }: { item: AssignmentListItem }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const appeal = useQuery({
    queryKey: keys.appeal(item.appealId),
    queryFn: () => unwrap(api.GET('/api/appeals/{id}', { params: { path: { id: item.appealId } } })),
    enabled: open,
  });
  return (
    <>
      <Button
        type="primary"
        icon={<CheckOutlined />}
        loading={open && appeal.isLoading}
        onClick={() => setOpen(true)}
        aria-label={t('assignments.accept', { number: item.appealNumber })}
      >
        {t('action.accept')}
      </Button>
      {appeal.data ? (
        <AcceptModal
          open={open}
          appeal={appeal.data}
          dueDate={item.dueDate}
          acceptDueDate={item.acceptDueDate}
          onClose={() => setOpen(false)}
        />
      ) : null}
    </>
  );
}

function AssignmentCard({ item, showLead }: { item: AssignmentListItem; showLead: boolean }) {
  const { t } = useI18n();
  const late = item.overdue || (item.status === 'pending' && acceptanceLate(item.acceptDueDate));
  return (
    <li
      className={late ? 'request-card request-item-overdue assignment-card' : 'request-card assignment-card'}
    >
      <Link to={`/appeals/${item.appealId}`} className="request-card-title">
        {item.appealTitle}
      </Link>
      <div className="request-card-meta">
        <AssignmentStatusTag status={item.status} />
        {item.myRole ? <UnitRoleTag role={item.myRole} /> : null}
        <span className="muted">{item.appealNumber}</span>
        <span className="muted">{item.enterpriseName}</span>
      </div>
      {showLead || item.myRole !== 'lead' ? (
        <div>
          <span className="muted">{t('assignments.leadLabel')}</span>
          {item.leadUnitName}
        </div>
      ) : null}
      <div className="request-card-meta">
        <span>{t('assignments.due', { date: item.dueDate })}</span>
        {item.myRole === 'co' && item.myDueDate ? (
          <span className="cell-strong">{t('assignments.coDue', { date: item.myDueDate })}</span>
        ) : null}
        <AssignmentClock
          status={item.status}
          acceptDueDate={item.acceptDueDate}
          workingDaysLeft={item.workingDaysLeft}
          overdue={item.overdue}
        />
      </div>
      {item.myRole === 'lead' && item.status === 'pending' ? (
        <div className="assignment-card-actions">
          <AcceptFromList item={item} />
        </div>
      ) : null}
    </li>
  );
}

/**
 * 我的办理 (a unit's handlers and leader: what their unit leads or assists) and 交办督办 (the office and
 * oversight: every assignment of their region). Filters by status, role and overdue; the soonest deadline
 * first; cards that fit a phone.
 */
export default function AssignmentsPage() {
  const { t, label } = useI18n();
  const { roles } = useSession();
  const unitStaff = roles.includes('handler') || roles.includes('unitLeader');
  // The office and oversight see their region's, whichever of the two paths they opened.
  const overview = useLocation().pathname === OVERVIEW_PATH || !unitStaff;
  const [params, setParams] = useSearchParams();
  const chosenStatus = statusOf(params.get('status'));
  const role = overview ? undefined : roleOf(params.get('role'));
  const overdue = params.get('overdue') === 'true';
  const page = Math.max(1, Number(params.get('page')) || 1);

  // How many await acceptance, are in progress, reported, overdue: the quick filters.
  const counted = ['pending', 'accepted', 'reported', 'overdue'] as const;
  const counts = useQueries({
    queries: counted.map((kind) => {
      const query: AssignmentQuery = {
        role,
        page: 1,
        pageSize: 1,
        ...(kind === 'overdue' ? { overdue: 'true' } : { status: kind }),
      };
      return {
        queryKey: [...handlingKeys.assignments, 'count', query],
        queryFn: () => fetchAssignments(query),
      };
    }),
  });
  const countOf = (kind: (typeof counted)[number]) => counts[counted.indexOf(kind)]?.data?.total;
  const pendingCount = countOf('pending');
  // Without a choice: what awaits acceptance if anything does, else what is in progress.
  const status: StatusFilter | undefined =
    chosenStatus ?? (pendingCount === undefined ? undefined : pendingCount > 0 ? 'pending' : 'accepted');

  const query: AssignmentQuery = {
    status: status === 'all' ? undefined : status,
    role,
    overdue: overdue ? 'true' : undefined,
    page,
    pageSize: PAGE_SIZE,
  };
  const list = useQuery({
    queryKey: [...handlingKeys.assignments, 'list', query],
    queryFn: () => fetchAssignments(query),
    enabled: status !== undefined,
    placeholderData: keepPreviousData,
  });
  const items = list.data?.items ?? [];
  const showError = useShowError();
  // The same filters as the list, every row.
  const exportFile = useMutation({
    mutationFn: () =>
      saveDownload(
        api.GET('/api/assignments/export.xlsx', {
          params: { query: { status: query.status, role: query.role, overdue: query.overdue } },
          parseAs: 'blob',
        }),
        'assignments.xlsx',
      ),
    onError: (error) => showError(error),
  });

  const update = (next: {
    status?: StatusFilter;
    role?: Role | undefined;
    overdue?: boolean;
    page?: number;
  }) => {
    const search = new URLSearchParams();
    const nextStatus = 'status' in next ? next.status : chosenStatus;
    if (nextStatus) search.set('status', nextStatus);
    const nextRole = 'role' in next ? next.role : role;
    if (nextRole) search.set('role', nextRole);
    if (next.overdue ?? overdue) search.set('overdue', 'true');
    const nextPage = next.page ?? 1;
    if (nextPage > 1) search.set('page', String(nextPage));
    setParams(search, { replace: true });
  };

  const quick = (kind: (typeof counted)[number]) => {
    const total = countOf(kind);
    const active = kind === 'overdue' ? overdue : status === kind && !overdue;
    const text = kind === 'overdue' ? t('assignments.overdueCount') : label(assignmentStatusLabels[kind]);
    return (
      <Button
        key={kind}
        size="small"
        type={active ? 'primary' : 'default'}
        danger={kind === 'overdue' && (total ?? 0) > 0}
        aria-pressed={active}
        onClick={() =>
          kind === 'overdue'
            ? update({ status: 'all', overdue: !overdue })
            : update({ status: kind, overdue: false })
        }
      >
        {text}
        <span className="quick-count">{total ?? '…'}</span>
      </Button>
    );
  };

  return (
    <>
      <PageHeader
        title={overview ? t('menu.assignmentsOverview') : t('menu.assignments')}
        description={overview ? t('assignments.description.office') : t('assignments.description.unit')}
        extra={
          <Button
            icon={<DownloadOutlined />}
            loading={exportFile.isPending}
            disabled={status === undefined}
            onClick={() => exportFile.mutate()}
          >
            {t('assignments.export')}
          </Button>
        }
      />
      <fieldset className="assignment-quick">
        <legend className="visually-hidden">{t('assignments.quick')}</legend>
        {counted.map(quick)}
      </fieldset>
      <search className="request-filter filter-bar" aria-label={t('assignments.filters')}>
        <div className="filter-field">
          <label htmlFor="assignments-status">{t('common.status')}</label>
          <Select<StatusFilter>
            id="assignments-status"
            value={status}
            loading={status === undefined}
            onChange={(value) => update({ status: value })}
            options={[
              ...STATUSES.map((value) => ({ value, label: label(assignmentStatusLabels[value]) })),
              { value: 'all' as const, label: t('common.all') },
            ]}
          />
        </div>
        {overview ? null : (
          <div className="filter-field">
            <label htmlFor="assignments-role">{t('assignments.role')}</label>
            <Select<Role>
              id="assignments-role"
              allowClear
              placeholder={t('common.all')}
              value={role}
              onChange={(value) => update({ role: value })}
              options={[
                { value: 'lead', label: t('handling.role.lead') },
                { value: 'co', label: t('handling.role.co') },
              ]}
            />
          </div>
        )}
        <div className="filter-field filter-check">
          <Checkbox checked={overdue} onChange={(event) => update({ overdue: event.target.checked })}>
            {t('assignments.overdueOnly')}
          </Checkbox>
        </div>
      </search>
      {status === undefined || list.isLoading ? (
        <PageSpin />
      ) : items.length === 0 ? (
        <Card>
          <Empty description={t('assignments.empty')} />
        </Card>
      ) : (
        <>
          <ul className="request-cards" aria-busy={list.isFetching}>
            {items.map((item) => (
              <AssignmentCard key={item.id} item={item} showLead={overview} />
            ))}
          </ul>
          <Pagination
            className="cards-pagination"
            current={page}
            pageSize={PAGE_SIZE}
            total={list.data?.total ?? 0}
            onChange={(next) => update({ page: next })}
            showTotal={(count) => t('common.total', { total: count })}
            hideOnSinglePage
          />
        </>
      )}
    </>
  );
}
