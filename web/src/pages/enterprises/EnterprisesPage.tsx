import { DownloadOutlined, ImportOutlined, PlusOutlined } from '@ant-design/icons';
import type { EnterpriseFlag, Role } from '@f2f/contract';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { Button, Card, Grid, Input, Select, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client.ts';
import { saveDownload } from '../../api/download.ts';
import { keys } from '../../api/queries.ts';
import type { EnterpriseQuery, EnterpriseSummary } from '../../api/types.ts';
import { useShowError } from '../../api/useShowError.ts';
import { useSession } from '../../auth/session.tsx';
import { RegionSelect } from '../../components/OrgSelects.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { EnterpriseDrawer } from './EnterpriseDrawer.tsx';
import { EnterpriseFlags, FlagSelect } from './enterpriseUi.tsx';
import { ImportModal } from './ImportModal.tsx';
import '../appeals/appeals.css';

/** Who may register enterprises (POST /api/enterprises) and who may edit them (PATCH, fields by role). */
const REGISTRARS: readonly Role[] = ['collector', 'taskForceOffice', 'admin'];
/** Bulk import is the office's and administrators' (POST /api/enterprises/import). */
const IMPORTERS: readonly Role[] = ['taskForceOffice', 'admin'];

type Filter = Omit<EnterpriseQuery, 'page' | 'pageSize'>;

/** 企业名录: the enterprise register in my region scope, with search, filters, import and export. */
export default function EnterprisesPage() {
  const { t } = useI18n();
  const { roles } = useSession();
  const [filter, setFilter] = useState<Filter>({});
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [searchText, setSearchText] = useState('');
  const [editing, setEditing] = useState<{ id: string | null } | null>(null);
  const [importing, setImporting] = useState(false);
  const showError = useShowError();
  const narrow = Grid.useBreakpoint().md === false;
  const mayRegister = roles.some((role) => REGISTRARS.includes(role));
  const mayImport = roles.some((role) => IMPORTERS.includes(role));

  const enterprises = useQuery({
    queryKey: [...keys.enterprises, 'list', filter, page],
    queryFn: () => unwrap(api.GET('/api/enterprises', { params: { query: { ...filter, ...page } } })),
    placeholderData: keepPreviousData,
  });

  const update = (patch: Partial<Filter>) => {
    setFilter((current) => ({ ...current, ...patch }));
    setPage((current) => ({ ...current, page: 1 }));
  };

  const exportFile = useMutation({
    mutationFn: () =>
      saveDownload(
        api.GET('/api/enterprises/export.xlsx', { params: { query: filter }, parseAs: 'blob' }),
        'enterprises.xlsx',
      ),
    onError: (error) => showError(error),
  });

  const columns: TableColumnsType<EnterpriseSummary> = [
    {
      title: t('enterprise.name'),
      dataIndex: 'name',
      minWidth: 180,
      render: (name: string, enterprise) => (
        <div>
          <Link to={`/enterprises/${enterprise.id}`} className="cell-strong">
            {name}
          </Link>
          {narrow ? <div className="muted cell-small code-text">{enterprise.creditCode}</div> : null}
        </div>
      ),
    },
    {
      title: t('enterprise.creditCode'),
      dataIndex: 'creditCode',
      responsive: ['md'],
      render: (code: string) => <span className="code-text">{code}</span>,
    },
    { title: t('enterprise.region'), dataIndex: 'regionName', responsive: ['sm'] },
    {
      title: t('enterprise.industry'),
      dataIndex: 'industry',
      responsive: ['lg'],
      render: (value: string | null) => value ?? '',
    },
    {
      title: t('enterprise.flags'),
      key: 'flags',
      responsive: ['sm'],
      render: (_, enterprise) => (
        <>
          <EnterpriseFlags scale={enterprise.scale} tags={enterprise.tags} />
          {enterprise.isProject ? (
            <span className="muted cell-small">{t('enterprise.isProject')}</span>
          ) : null}
        </>
      ),
    },
    { title: t('enterprise.appealCount'), dataIndex: 'appealCount', align: 'right', width: 90 },
  ];

  if (mayRegister) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      render: (_, enterprise) => (
        <Button
          type="link"
          size="small"
          aria-label={`${t('common.edit')} ${enterprise.name}`}
          onClick={() => setEditing({ id: enterprise.id })}
        >
          {t('common.edit')}
        </Button>
      ),
    });
  }

  return (
    <>
      <PageHeader
        title={t('menu.enterprises')}
        description={t('enterprises.description')}
        extra={
          <>
            {mayRegister ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ id: null })}>
                {t('enterprise.create')}
              </Button>
            ) : null}
            {mayImport ? (
              <Button icon={<ImportOutlined />} onClick={() => setImporting(true)}>
                {t('import.open')}
              </Button>
            ) : null}
            <Button
              icon={<DownloadOutlined />}
              loading={exportFile.isPending}
              onClick={() => exportFile.mutate()}
            >
              {t('enterprises.export')}
            </Button>
          </>
        }
      />
      <Card>
        <search className="filter-bar" aria-label={t('pool.filters')}>
          <div className="filter-field">
            <label htmlFor="enterprises-q">{t('enterprises.search')}</label>
            <Input.Search
              id="enterprises-q"
              allowClear
              value={searchText}
              onChange={(event) => setSearchText(event.target.value)}
              onSearch={(value) => update({ q: value.trim() || undefined })}
              enterButton={t('common.search')}
            />
          </div>
          <div className="filter-field">
            <label htmlFor="enterprises-region">{t('enterprise.region')}</label>
            <RegionSelect
              id="enterprises-region"
              allowClear
              placeholder={t('common.all')}
              value={filter.regionId}
              onChange={(regionId) => update({ regionId })}
            />
          </div>
          <div className="filter-field">
            <label htmlFor="enterprises-flag">{t('pool.flag')}</label>
            <FlagSelect
              id="enterprises-flag"
              allowClear
              placeholder={t('common.all')}
              value={filter.flag}
              onChange={(flag: EnterpriseFlag | undefined) => update({ flag })}
            />
          </div>
          <div className="filter-field">
            <label htmlFor="enterprises-project">{t('enterprise.isProject')}</label>
            <Select<'true' | 'false'>
              id="enterprises-project"
              allowClear
              placeholder={t('common.all')}
              value={filter.isProject}
              onChange={(isProject) => update({ isProject })}
              options={[
                { value: 'true', label: t('enterprises.projectOnly') },
                { value: 'false', label: t('enterprises.nonProject') },
              ]}
              popupMatchSelectWidth={false}
            />
          </div>
        </search>
        <Table<EnterpriseSummary>
          rowKey="id"
          size="middle"
          loading={enterprises.isFetching}
          columns={columns}
          dataSource={enterprises.data?.items ?? []}
          scroll={enterprises.data?.items.length ? { x: narrow ? 420 : 900 } : undefined}
          pagination={{
            current: page.page,
            pageSize: page.pageSize,
            total: enterprises.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100],
            showTotal: (total) => t('common.total', { total }),
            onChange: (next, pageSize) => setPage({ page: next, pageSize }),
          }}
        />
      </Card>
      {mayRegister ? (
        <EnterpriseDrawer
          open={editing !== null}
          enterpriseId={editing?.id ?? null}
          onClose={() => setEditing(null)}
        />
      ) : null}
      {mayImport ? <ImportModal open={importing} onClose={() => setImporting(false)} /> : null}
    </>
  );
}
