import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import type { Role } from '@f2f/contract';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, Popconfirm, Space, Table, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api, unwrap } from '../../../api/client.ts';
import { saveDownload } from '../../../api/download.ts';
import { keys, usePublicSettings } from '../../../api/queries.ts';
import type { Person, PersonQuery } from '../../../api/types.ts';
import { useShowError } from '../../../api/useShowError.ts';
import { useSession } from '../../../auth/session.tsx';
import { RegionSelect, RoleSelect, UnitSelect } from '../../../components/OrgSelects.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { RoleTags } from '../../../components/RoleTags.tsx';
import { StatusTag } from '../../../components/StatusTag.tsx';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import { PersonDrawer } from './PersonDrawer.tsx';
import { ResetPasswordModal } from './ResetPasswordModal.tsx';

/**
 * Administrators manage the people of their scope; a unit leader only reads the list of their own unit.
 */
export default function PeoplePage() {
  const { t } = useI18n();
  const { roles, session } = useSession();
  const settings = usePublicSettings();
  const isAdmin = roles.includes('admin');
  // An administrator of a county manages that county only: its region filter is fixed.
  const ownRegion = session?.person.regionId;
  const countyScope = Boolean(
    settings.data?.cityRegionId && ownRegion && ownRegion !== settings.data.cityRegionId,
  );
  const [filter, setFilter] = useState<PersonQuery>({ page: 1, pageSize: 20 });
  const [searchText, setSearchText] = useState('');
  const [editing, setEditing] = useState<{ id: string | null } | null>(null);
  const [resetting, setResetting] = useState<Person | null>(null);
  const queryClient = useQueryClient();
  const showError = useShowError();
  const { message } = App.useApp();

  const people = useQuery({
    queryKey: [...keys.people, filter],
    queryFn: () => unwrap(api.GET('/api/org/people', { params: { query: filter } })),
    placeholderData: keepPreviousData,
  });

  // The list's filters, every row.
  const exportFile = useMutation({
    mutationFn: () => {
      const { page: _page, pageSize: _pageSize, ...query } = filter;
      return saveDownload(
        api.GET('/api/org/people/export.xlsx', { params: { query }, parseAs: 'blob' }),
        'people.xlsx',
      );
    },
    onError: (error) => showError(error),
  });

  const update = (patch: Partial<PersonQuery>) => setFilter((current) => ({ ...current, ...patch, page: 1 }));

  const setActive = useMutation({
    mutationFn: (person: Person) =>
      unwrap(
        api.PATCH('/api/org/people/{id}', {
          params: { path: { id: person.id } },
          body: { active: !person.active, version: person.version },
        }),
      ),
    onSuccess: (person) => message.success(person.active ? t('people.enabled') : t('people.disabled')),
    onError: (error) => showError(error),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.people }),
  });

  const unlock = useMutation({
    mutationFn: (person: Person) =>
      unwrap(api.POST('/api/org/people/{id}/unlock', { params: { path: { id: person.id } } })),
    onSuccess: () => message.success(t('people.unlocked')),
    onError: (error) => showError(error),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.people }),
  });

  const columns: TableColumnsType<Person> = [
    {
      title: t('person.name'),
      dataIndex: 'name',
      minWidth: 110,
      render: (_, person) => (
        <div>
          <div className="cell-strong">{person.name}</div>
          {person.title ? <div className="muted cell-small">{person.title}</div> : null}
        </div>
      ),
    },
    { title: t('person.username'), dataIndex: 'username', responsive: ['sm'] },
    { title: t('person.org'), dataIndex: 'orgName', responsive: ['md'] },
    {
      title: t('person.roles'),
      dataIndex: 'roles',
      render: (value: Role[]) => <RoleTags roles={value} />,
    },
    {
      title: t('common.status'),
      key: 'status',
      render: (_, person) => (
        <>
          <StatusTag active={person.active} />
          {person.locked ? <StatusTag active locked /> : null}
        </>
      ),
    },
    {
      title: t('people.lastLogin'),
      dataIndex: 'lastLoginAt',
      responsive: ['lg'],
      render: (value: string | null) =>
        value ? (
          <span className="nowrap">{dayjs(value).format('YYYY-MM-DD HH:mm')}</span>
        ) : (
          t('people.neverLoggedIn')
        ),
    },
  ];

  if (isAdmin) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      render: (_, person) => (
        <Space size={0}>
          <Button
            type="link"
            size="small"
            aria-label={`${t('common.edit')} ${person.name}`}
            onClick={() => setEditing({ id: person.id })}
          >
            {t('common.edit')}
          </Button>
          <Popconfirm
            title={
              person.active
                ? t('people.disable.confirm', { name: person.name })
                : t('people.enable.confirm', { name: person.name })
            }
            okText={t('common.confirm')}
            cancelText={t('common.cancel')}
            onConfirm={() => setActive.mutateAsync(person).catch(() => undefined)}
          >
            <Button
              type="link"
              size="small"
              danger={person.active}
              aria-label={`${person.active ? t('people.disable') : t('people.enable')} ${person.name}`}
            >
              {person.active ? t('people.disable') : t('people.enable')}
            </Button>
          </Popconfirm>
          <Button
            type="link"
            size="small"
            aria-label={`${t('people.resetPassword')} ${person.name}`}
            onClick={() => setResetting(person)}
          >
            {t('people.resetPassword')}
          </Button>
          {person.locked ? (
            <Button
              type="link"
              size="small"
              aria-label={`${t('people.unlock')} ${person.name}`}
              loading={unlock.isPending && unlock.variables?.id === person.id}
              onClick={() => unlock.mutate(person)}
            >
              {t('people.unlock')}
            </Button>
          ) : null}
        </Space>
      ),
    });
  }

  // The latest version from the list, so that a 409 followed by a reload saves over the fresh one.
  const editingPerson = editing?.id
    ? (people.data?.items.find((person) => person.id === editing.id) ?? null)
    : null;

  return (
    <>
      <PageHeader
        title={t('menu.people')}
        description={isAdmin ? undefined : t('people.readOnly')}
        extra={
          <Space wrap>
            <Button
              icon={<DownloadOutlined />}
              loading={exportFile.isPending}
              onClick={() => exportFile.mutate()}
            >
              {t('people.export')}
            </Button>
            {isAdmin ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ id: null })}>
                {t('people.create')}
              </Button>
            ) : null}
          </Space>
        }
      />
      <Card>
        <div className="filter-bar">
          {isAdmin ? (
            <>
              <div className="filter-field">
                <label htmlFor="people-filter-region">{t('person.region')}</label>
                <RegionSelect
                  id="people-filter-region"
                  allowClear
                  placeholder={t('common.all')}
                  disabled={countyScope}
                  value={countyScope ? ownRegion : filter.regionId}
                  onChange={(regionId) => update({ regionId, unitId: undefined })}
                />
              </div>
              <div className="filter-field">
                <label htmlFor="people-filter-unit">{t('person.unit')}</label>
                <UnitSelect
                  id="people-filter-unit"
                  regionId={countyScope ? ownRegion : filter.regionId}
                  allowClear
                  placeholder={t('common.all')}
                  value={filter.unitId}
                  onChange={(unitId) => update({ unitId })}
                  style={{ minWidth: 200 }}
                />
              </div>
            </>
          ) : null}
          <div className="filter-field">
            <label htmlFor="people-filter-role">{t('person.role')}</label>
            <RoleSelect
              id="people-filter-role"
              allowClear
              placeholder={t('common.all')}
              value={filter.role}
              onChange={(role) => update({ role })}
              popupMatchSelectWidth={false}
            />
          </div>
          <div className="filter-field">
            <label htmlFor="people-filter-search">{t('people.search')}</label>
            <Input.Search
              id="people-filter-search"
              allowClear
              value={searchText}
              onChange={(event) => setSearchText(event.target.value)}
              onSearch={(value) => update({ q: value.trim() || undefined })}
              enterButton={t('common.search')}
            />
          </div>
        </div>
        <Table<Person>
          rowKey="id"
          size="middle"
          loading={people.isFetching}
          columns={columns}
          dataSource={people.data?.items ?? []}
          scroll={{ x: 760 }}
          pagination={{
            current: filter.page,
            pageSize: filter.pageSize,
            total: people.data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (total) => t('common.total', { total }),
            onChange: (page) => setFilter((current) => ({ ...current, page })),
          }}
        />
      </Card>
      {isAdmin ? (
        <>
          <PersonDrawer open={editing !== null} person={editingPerson} onClose={() => setEditing(null)} />
          <ResetPasswordModal person={resetting} onClose={() => setResetting(null)} />
        </>
      ) : null}
    </>
  );
}
