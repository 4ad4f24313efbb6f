import {
  DownloadOutlined,
  FileSearchOutlined,
  FilterOutlined,
  FormOutlined,
  PartitionOutlined,
} from '@ant-design/icons';
import { type AppealChannel, type AppealStatus, appealStatuses, appealStatusLabels } from '@f2f/contract';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import {
  Button,
  Card,
  DatePicker,
  Grid,
  Input,
  Radio,
  Select,
  Space,
  Table,
  type TableColumnsType,
  type TableProps,
  Tag,
} from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client.ts';
import { saveDownload } from '../../api/download.ts';
import { keys, useUnits } from '../../api/queries.ts';
import type { AppealListItem, AppealQuery } from '../../api/types.ts';
import { useShowError } from '../../api/useShowError.ts';
import { useAtCity, useSession } from '../../auth/session.tsx';
import { RegionSelect } from '../../components/OrgSelects.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { canOpen, routeOf } from '../../routes.tsx';
import { FlagSelect } from '../enterprises/enterpriseUi.tsx';
import { TierSelect, useTierName } from '../verification/verificationUi.tsx';
import {
  AppealStatusTag,
  CategorySelect,
  ChannelSelect,
  formatDateTime,
  useCategoryName,
  useChannelName,
} from './appealUi.tsx';
import { CreateIssueModal } from './CreateIssueModal.tsx';
import { FigureFilterTags, figureFilterCount } from './FigureFilterTags.tsx';
import { exportQuery, paramsFromQuery, queryFromParams } from './filters.ts';
import './appeals.css';

type Mode = 'pool' | 'recorded';

/** Collecting units (those that gather appeals), for the pool's filter. */
function CollectingUnitSelect(props: {
  id: string;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  placeholder: string;
}) {
  const units = useUnits();
  const options = (units.data ?? [])
    .filter((unit) => unit.isCollector)
    .map((unit) => ({ value: unit.id, label: unit.name }));
  return (
    <Select<string>
      allowClear
      loading={units.isLoading}
      showSearch={{ optionFilterProp: 'label' }}
      options={options}
      popupMatchSelectWidth={false}
      {...props}
    />
  );
}

/**
 * The appeals a person may see, with the pool's filters, sorting, paging and export. In the
 * office's pool, rows can be selected and grouped into a common issue.
 */
export function AppealTable({ mode }: { mode: Mode }) {
  const { t, label } = useI18n();
  const { roles } = useSession();
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => queryFromParams(params), [params]);
  const [searchText, setSearchText] = useState(query.q ?? '');
  const [selected, setSelected] = useState<AppealListItem[]>([]);
  const [grouping, setGrouping] = useState(false);
  const [filtersOpen, setFiltersOpen] = useState(false);
  const navigate = useNavigate();
  const showError = useShowError();
  const categoryName = useCategoryName();
  const channelName = useChannelName();
  const tierName = useTierName();
  const screens = Grid.useBreakpoint();
  const narrow = screens.md === false;
  // Grouping is the office's work (POST /api/common-issues); the server still checks each appeal.
  const mayGroup = mode === 'pool' && roles.includes('taskForceOffice');
  // County ↔ city: an office switches between its own level's work (本级) and everything it sees.
  const atCity = useAtCity();
  const showLevel = mode === 'pool' && roles.includes('taskForceOffice');
  const enterpriseRoute = routeOf('/enterprises/:id');
  const mayOpenEnterprise = enterpriseRoute ? canOpen(enterpriseRoute, roles) : false;
  // The office follows its verification requests from the pool (the page is not in its menu).
  const requestsRoute = routeOf('/verification-requests');
  const mayOpenRequests =
    mode === 'pool' && roles.includes('taskForceOffice') && requestsRoute
      ? canOpen(requestsRoute, roles)
      : false;

  const appeals = useQuery({
    queryKey: [...keys.appeals, 'list', query],
    queryFn: () => unwrap(api.GET('/api/appeals', { params: { query } })),
    placeholderData: keepPreviousData,
  });

  const update = (patch: Partial<AppealQuery>, keepPage = false) => {
    const next: AppealQuery = { ...query, ...patch };
    if (!keepPage) next.page = 1;
    setParams(paramsFromQuery(next), { replace: true });
  };

  const exportFile = useMutation({
    mutationFn: () =>
      saveDownload(
        api.GET('/api/appeals/export.xlsx', {
          params: { query: exportQuery(query) },
          parseAs: 'blob',
        }),
        'appeals.xlsx',
      ),
    onError: (error) => showError(error),
  });
  // The ledger (台账): the office and oversight, with the pool's current filters.
  const mayExportLedger =
    mode === 'pool' &&
    roles.some((r) => ['taskForceOffice', 'leader', 'governmentOffice', 'supervisionOffice'].includes(r));
  const ledgerFile = useMutation({
    mutationFn: () =>
      saveDownload(
        api.GET('/api/exports/ledger.xlsx', {
          params: { query: exportQuery(query) },
          parseAs: 'blob',
        }),
        'ledger.xlsx',
      ),
    onError: (error) => showError(error),
  });

  const sortOrder = (column: AppealQuery['sort']) =>
    query.sort === column ? (query.order === 'asc' ? 'ascend' : 'descend') : null;

  const columns: TableColumnsType<AppealListItem> = [
    {
      title: t('appeal.number'),
      dataIndex: 'number',
      key: 'number',
      sorter: true,
      sortOrder: sortOrder('number'),
      render: (number: string, appeal) => (
        <Link to={`/appeals/${appeal.id}`} className="nowrap">
          {number}
        </Link>
      ),
    },
    {
      title: t('appeal.title'),
      dataIndex: 'title',
      key: 'title',
      minWidth: 180,
      render: (title: string, appeal) => (
        <div>
          <div className="cell-strong">{title}</div>
          {narrow ? (
            <>
              <div className="muted cell-small">{appeal.enterpriseName}</div>
              <div className="status-cell">
                <AppealStatusTag status={appeal.status} />
                {appeal.commonIssueId ? <Tag className="grouped-tag">{t('appeal.grouped')}</Tag> : null}
              </div>
            </>
          ) : null}
        </div>
      ),
    },
    {
      title: t('appeal.enterprise'),
      dataIndex: 'enterpriseName',
      key: 'enterpriseName',
      sorter: true,
      sortOrder: sortOrder('enterpriseName'),
      responsive: ['md'],
      render: (name: string, appeal) =>
        mayOpenEnterprise ? <Link to={`/enterprises/${appeal.enterpriseId}`}>{name}</Link> : name,
    },
    { title: t('appeal.region'), dataIndex: 'regionName', key: 'regionName', responsive: ['xl'] },
    {
      title: t('appeal.handlingRegion'),
      dataIndex: 'handlingRegionName',
      key: 'handlingRegionName',
      responsive: ['lg'],
      render: (name: string) => <span className="nowrap">{name}</span>,
    },
    {
      title: t('appeal.category'),
      dataIndex: 'category',
      key: 'category',
      sorter: true,
      sortOrder: sortOrder('category'),
      responsive: ['sm'],
      render: (code: string) => <span className="nowrap">{categoryName(code)}</span>,
    },
    {
      title: t('appeal.channel'),
      dataIndex: 'channel',
      key: 'channel',
      responsive: ['md'],
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
      title: t('common.status'),
      dataIndex: 'status',
      key: 'status',
      responsive: ['md'],
      render: (status: AppealStatus, appeal) => (
        <div>
          <span className="status-cell">
            <AppealStatusTag status={status} />
            {appeal.commonIssueId ? <Tag className="grouped-tag">{t('appeal.grouped')}</Tag> : null}
          </span>
          {appeal.tierCode ? (
            <div className="muted cell-small nowrap">
              <span className="visually-hidden">{t('appeal.tierLabel')}</span>
              {tierName(appeal.tierCode)}
            </div>
          ) : null}
        </div>
      ),
    },
    {
      title: t('appeal.submittedAt'),
      dataIndex: 'submittedAt',
      key: 'submittedAt',
      sorter: true,
      sortOrder: sortOrder('submittedAt'),
      responsive: ['sm'],
      render: (at: string) => <span className="nowrap">{formatDateTime(at)}</span>,
    },
  ];

  const onTableChange: TableProps<AppealListItem>['onChange'] = (pagination, _filters, sorter, extra) => {
    if (extra.action === 'sort') {
      const one = Array.isArray(sorter) ? sorter[0] : sorter;
      const key = one?.columnKey;
      if (
        one?.order &&
        (key === 'number' || key === 'enterpriseName' || key === 'category' || key === 'submittedAt')
      ) {
        update({ sort: key, order: one.order === 'ascend' ? 'asc' : 'desc' });
      } else {
        update({ sort: 'submittedAt', order: 'desc' });
      }
      return;
    }
    if (extra.action === 'paginate') {
      update({ page: pagination.current ?? 1, pageSize: pagination.pageSize ?? query.pageSize }, true);
    }
  };

  const title = mode === 'pool' ? t('menu.pool') : t('menu.recordedAppeals');
  const filterCount =
    [
      query.level === 'mine' ? query.level : undefined,
      query.q,
      query.channel,
      query.collectingUnitId,
      query.regionId,
      query.category,
      query.flag,
      query.status,
      query.tierCode,
      query.from,
      query.to,
      query.enterpriseId,
      query.commonIssueId,
      query.exchangeId,
    ].filter(Boolean).length + figureFilterCount(query);
  const hasFilters = filterCount > 0;

  return (
    <>
      <PageHeader
        title={title}
        description={mode === 'pool' ? t('pool.description') : t('recorded.description')}
        extra={
          <>
            {mode === 'recorded' ? (
              <Button type="primary" icon={<FormOutlined />} onClick={() => navigate('/appeals/record')}>
                {t('menu.recordAppeal')}
              </Button>
            ) : null}
            {mayOpenRequests ? (
              <Button icon={<FileSearchOutlined />} onClick={() => navigate('/verification-requests')}>
                {t('menu.verificationRequests')}
              </Button>
            ) : null}
            <Button
              icon={<DownloadOutlined />}
              loading={exportFile.isPending}
              onClick={() => exportFile.mutate()}
            >
              {t('pool.export')}
            </Button>
            {mayExportLedger ? (
              <Button
                icon={<DownloadOutlined />}
                loading={ledgerFile.isPending}
                onClick={() => ledgerFile.mutate()}
              >
                {t('pool.ledger')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card>
        <search
          id="pool-filters"
          className={narrow && !filtersOpen ? 'pool-filter pool-filter-collapsed' : 'pool-filter'}
          aria-label={t('pool.filters')}
        >
          <div className="filter-field pool-search">
            <label htmlFor="pool-q">{t('pool.search')}</label>
            <Input.Search
              id="pool-q"
              allowClear
              value={searchText}
              placeholder={t('pool.search.placeholder')}
              onChange={(event) => setSearchText(event.target.value)}
              onSearch={(value) => update({ q: value.trim() || undefined })}
              enterButton={t('common.search')}
            />
          </div>
          {showLevel ? (
            <div className="filter-field">
              <span id="pool-level-label" className="filter-label">
                {t('pool.level')}
              </span>
              <Radio.Group
                aria-labelledby="pool-level-label"
                optionType="button"
                value={query.level ?? 'all'}
                onChange={(event) => update({ level: event.target.value === 'mine' ? 'mine' : undefined })}
                options={[
                  { value: 'mine', label: t('pool.level.mine') },
                  {
                    value: 'all',
                    label: atCity === false ? t('pool.level.allCounty') : t('pool.level.allCity'),
                  },
                ]}
              />
            </div>
          ) : null}
          <div className="filter-field">
            <label htmlFor="pool-channel">{t('appeal.channel')}</label>
            <ChannelSelect
              id="pool-channel"
              allowClear
              placeholder={t('common.all')}
              value={query.channel}
              onChange={(channel) => update({ channel })}
            />
          </div>
          {mode === 'pool' ? (
            <div className="filter-field">
              <label htmlFor="pool-unit">{t('appeal.collectingUnit')}</label>
              <CollectingUnitSelect
                id="pool-unit"
                placeholder={t('common.all')}
                value={query.collectingUnitId}
                onChange={(collectingUnitId) => update({ collectingUnitId })}
              />
            </div>
          ) : null}
          <div className="filter-field">
            <label htmlFor="pool-region">{t('appeal.region')}</label>
            <RegionSelect
              id="pool-region"
              allowClear
              placeholder={t('common.all')}
              value={query.regionId}
              onChange={(regionId) => update({ regionId })}
            />
          </div>
          <div className="filter-field">
            <label htmlFor="pool-category">{t('appeal.category')}</label>
            <CategorySelect
              id="pool-category"
              allowClear
              placeholder={t('common.all')}
              value={query.category}
              onChange={(category) => update({ category })}
            />
          </div>
          <div className="filter-field">
            <label htmlFor="pool-flag">{t('pool.flag')}</label>
            <FlagSelect
              id="pool-flag"
              allowClear
              placeholder={t('common.all')}
              value={query.flag}
              onChange={(flag) => update({ flag })}
            />
          </div>
          <div className="filter-field">
            <label htmlFor="pool-status">{t('common.status')}</label>
            <Select<AppealStatus>
              id="pool-status"
              allowClear
              placeholder={t('common.all')}
              value={query.status}
              onChange={(status) => update({ status })}
              options={appealStatuses.map((value) => ({ value, label: label(appealStatusLabels[value]) }))}
              popupMatchSelectWidth={false}
            />
          </div>
          <div className="filter-field">
            <label htmlFor="pool-tier">{t('appeal.tier')}</label>
            <TierSelect
              id="pool-tier"
              allowClear
              placeholder={t('common.all')}
              value={query.tierCode}
              onChange={(tierCode) => update({ tierCode })}
            />
          </div>
          <div className="filter-field">
            <label htmlFor="pool-from">{t('pool.from')}</label>
            <DatePicker
              id="pool-from"
              className="full-width"
              value={query.from ? dayjs(query.from) : null}
              onChange={(date) => update({ from: date ? date.format('YYYY-MM-DD') : undefined })}
            />
          </div>
          <div className="filter-field">
            <label htmlFor="pool-to">{t('pool.to')}</label>
            <DatePicker
              id="pool-to"
              className="full-width"
              value={query.to ? dayjs(query.to) : null}
              onChange={(date) => update({ to: date ? date.format('YYYY-MM-DD') : undefined })}
            />
          </div>
          <div className="filter-field filter-buttons">
            <Button
              disabled={!hasFilters}
              onClick={() => {
                setSearchText('');
                setParams(new URLSearchParams(), { replace: true });
              }}
            >
              {t('pool.clearFilters')}
            </Button>
          </div>
        </search>
        {narrow ? (
          <Button
            className="filters-toggle"
            aria-expanded={filtersOpen}
            aria-controls="pool-filters"
            icon={<FilterOutlined />}
            onClick={() => setFiltersOpen((open) => !open)}
          >
            {filtersOpen ? t('pool.filters.hide') : t('pool.filters.show', { count: filterCount })}
          </Button>
        ) : null}
        {query.enterpriseId || query.commonIssueId || query.exchangeId ? (
          <p className="muted pool-scope">{t('pool.scoped')}</p>
        ) : null}
        <FigureFilterTags query={query} onRemove={(name) => update({ [name]: undefined })} />
        {mayGroup ? (
          <div className="selection-bar" aria-live="polite">
            <span>{t('pool.selected', { count: selected.length })}</span>
            <Space wrap>
              <Button
                type="primary"
                icon={<PartitionOutlined />}
                disabled={selected.length < 2}
                onClick={() => setGrouping(true)}
              >
                {t('pool.group')}
              </Button>
              <Button disabled={selected.length === 0} onClick={() => setSelected([])}>
                {t('pool.clearSelection')}
              </Button>
            </Space>
            {selected.length === 1 ? <span className="muted">{t('pool.group.needTwo')}</span> : null}
          </div>
        ) : null}
        {/* Not antd's scroll.x: with it antd copies the header, select-all checkbox included, into a
            hidden measuring row (a focusable control under aria-hidden). This wrapper scrolls instead. */}
        <div className="table-scroll">
          <Table<AppealListItem>
            rowKey="id"
            size="middle"
            loading={appeals.isFetching}
            columns={columns}
            dataSource={appeals.data?.items ?? []}
            onChange={onTableChange}
            showSorterTooltip={false}
            rowSelection={
              mayGroup
                ? {
                    selectedRowKeys: selected.map((appeal) => appeal.id),
                    preserveSelectedRowKeys: true,
                    onChange: (_keys, rows) =>
                      // Rows of other pages come back undefined; keep what is known of them.
                      setSelected((current) =>
                        _keys
                          .map(
                            (key) =>
                              rows.find((row) => row?.id === key) ??
                              current.find((appeal) => appeal.id === key),
                          )
                          .filter((row): row is AppealListItem => row !== undefined),
                      ),
                    getCheckboxProps: (appeal) => ({
                      'aria-label': t('pool.selectRow', { number: appeal.number }),
                    }),
                    getTitleCheckboxProps: () => ({ 'aria-label': t('pool.selectPage') }),
                  }
                : undefined
            }
            pagination={{
              current: query.page,
              pageSize: query.pageSize,
              total: appeals.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [20, 50, 100],
              showTotal: (total) =>
                appeals.data?.totalIsLowerBound
                  ? t('pool.totalAtLeast', { total })
                  : t('common.total', { total }),
            }}
          />
        </div>
      </Card>
      {mayGroup ? (
        <CreateIssueModal
          open={grouping}
          appeals={selected}
          onClose={() => setGrouping(false)}
          onCreated={(issue) => {
            setGrouping(false);
            setSelected([]);
            navigate(`/common-issues/${issue.id}`);
          }}
        />
      ) : null}
    </>
  );
}
