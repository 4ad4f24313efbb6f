import { PlusOutlined } from '@ant-design/icons';
import { type UnitType, unitTypeLabels, unitTypes } from '@f2f/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Checkbox,
  Grid,
  Input,
  Popconfirm,
  Select,
  Space,
  Table,
  type TableColumnsType,
} from 'antd';
import { useMemo, useState } from 'react';
import { api, isApiError, unwrap } from '../../../api/client.ts';
import { keys, useRegions, useUnits } from '../../../api/queries.ts';
import type { Unit } from '../../../api/types.ts';
import { useShowError } from '../../../api/useShowError.ts';
import { RegionSelect } from '../../../components/OrgSelects.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { StatusTag } from '../../../components/StatusTag.tsx';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import { UnitDrawer } from './UnitDrawer.tsx';

export default function UnitsPage() {
  const { t, label } = useI18n();
  const [regionId, setRegionId] = useState<string>();
  const [type, setType] = useState<UnitType>();
  const [includeInactive, setIncludeInactive] = useState(false);
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<{ id: string | null } | null>(null);
  const units = useUnits({ regionId, type, includeInactive: includeInactive ? 'true' : undefined });
  const regions = useRegions();
  const queryClient = useQueryClient();
  const showError = useShowError();
  const { message, notification } = App.useApp();
  const narrow = Grid.useBreakpoint().sm === false;

  const regionName = useMemo(
    () => new Map((regions.data ?? []).map((region) => [region.id, region.name])),
    [regions.data],
  );
  const unitName = useMemo(
    () => new Map((units.data ?? []).map((unit) => [unit.id, unit.name])),
    [units.data],
  );
  const rows = (units.data ?? []).filter(
    (unit) => !search || unit.name.includes(search) || unit.shortName?.includes(search),
  );

  const setActive = useMutation({
    mutationFn: (unit: Unit) =>
      unwrap(
        api.PATCH('/api/org/units/{id}', {
          params: { path: { id: unit.id } },
          body: { active: !unit.active, version: unit.version },
        }),
      ),
    onSuccess: (unit) => message.success(unit.active ? t('units.activated') : t('units.deactivated')),
    onError: (error, unit) => {
      if (isApiError(error, 'org.unit_in_use')) {
        notification.warning({
          title: t('units.inUse.title', { name: unit.name }),
          description: `${error.message}${t('units.inUse.hint')}`,
          duration: 8,
        });
        return;
      }
      showError(error);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.allUnits }),
  });

  const columns: TableColumnsType<Unit> = [
    {
      title: t('units.name'),
      dataIndex: 'name',
      render: (_, unit) => (
        <div>
          <div className="cell-strong">{unit.name}</div>
          {unit.shortName ? <div className="muted cell-small">{unit.shortName}</div> : null}
          {narrow ? <div className="muted cell-small">{label(unitTypeLabels[unit.type])}</div> : null}
        </div>
      ),
    },
    {
      title: t('units.type'),
      dataIndex: 'type',
      responsive: ['sm'],
      render: (value: UnitType) => label(unitTypeLabels[value]),
    },
    {
      title: t('units.region'),
      dataIndex: 'regionId',
      render: (id: string) => regionName.get(id) ?? '',
      responsive: ['sm'],
    },
    {
      title: t('units.parent'),
      dataIndex: 'parentId',
      render: (id: string | null) => (id ? (unitName.get(id) ?? '') : ''),
      responsive: ['lg'],
    },
    {
      title: t('units.isCollector.short'),
      dataIndex: 'isCollector',
      render: (value: boolean) => (value ? t('common.yes') : t('common.no')),
      responsive: ['md'],
    },
    { title: t('common.sortOrder'), dataIndex: 'sortOrder', responsive: ['lg'] },
    {
      title: t('common.status'),
      dataIndex: 'active',
      render: (active: boolean) => <StatusTag active={active} />,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, unit) => (
        <Space size={0}>
          <Button
            type="link"
            size="small"
            aria-label={`${t('common.edit')} ${unit.name}`}
            onClick={() => setEditing({ id: unit.id })}
          >
            {t('common.edit')}
          </Button>
          <Popconfirm
            title={
              unit.active
                ? t('units.deactivate.confirm', { name: unit.name })
                : t('units.activate.confirm', { name: unit.name })
            }
            okText={t('common.confirm')}
            cancelText={t('common.cancel')}
            onConfirm={() => setActive.mutateAsync(unit).catch(() => undefined)}
          >
            <Button
              type="link"
              size="small"
              danger={unit.active}
              aria-label={`${unit.active ? t('units.deactivate') : t('units.activate')} ${unit.name}`}
            >
              {unit.active ? t('units.deactivate') : t('units.activate')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  const editingUnit = editing?.id
    ? ((units.data ?? []).find((unit) => unit.id === editing.id) ?? null)
    : null;

  return (
    <>
      <PageHeader
        title={t('menu.units')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ id: null })}>
            {t('units.create')}
          </Button>
        }
      />
      <Card>
        <div className="filter-bar">
          <div className="filter-field">
            <label htmlFor="units-filter-region">{t('units.region')}</label>
            <RegionSelect
              id="units-filter-region"
              allowClear
              placeholder={t('common.all')}
              value={regionId}
              onChange={setRegionId}
            />
          </div>
          <div className="filter-field">
            <label htmlFor="units-filter-type">{t('units.type')}</label>
            <Select<UnitType>
              id="units-filter-type"
              allowClear
              placeholder={t('common.all')}
              value={type}
              onChange={setType}
              options={unitTypes.map((value) => ({ value, label: label(unitTypeLabels[value]) }))}
              popupMatchSelectWidth={false}
            />
          </div>
          <div className="filter-field">
            <label htmlFor="units-filter-search">{t('units.search')}</label>
            <Input
              id="units-filter-search"
              allowClear
              value={search}
              onChange={(event) => setSearch(event.target.value.trim())}
            />
          </div>
          <Checkbox checked={includeInactive} onChange={(event) => setIncludeInactive(event.target.checked)}>
            {t('units.includeInactive')}
          </Checkbox>
        </div>
        <Table<Unit>
          rowKey="id"
          size="middle"
          loading={units.isLoading}
          columns={columns}
          dataSource={rows}
          scroll={{ x: narrow ? 420 : 720 }}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        />
      </Card>
      <UnitDrawer open={editing !== null} unit={editingUnit} onClose={() => setEditing(null)} />
    </>
  );
}
