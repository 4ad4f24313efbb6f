import { useQuery } from '@tanstack/react-query';
import { Button, Drawer, Empty, Form, Grid, Input, Table, type TableColumnsType } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { keys } from '../../api/queries.ts';
import type { AppealListItem } from '../../api/types.ts';
import { UnitsSelect } from '../../components/OrgSelects.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { AppealStatusTag } from '../appeals/appealUi.tsx';
import { useEventAction } from './eventApi.ts';
import type { EventDetail } from './eventTypes.ts';
import { useTierName } from './eventUi.tsx';

interface ItemValues {
  proposedHandling?: string;
  unitIds?: string[];
}

interface Values {
  items: Record<string, ItemValues>;
}

/** Appeals of the pool in one status (the pool holds both pooled and verifying appeals). */
function usePoolAppeals(status: 'pooled' | 'verifying', enabled: boolean) {
  return useQuery({
    queryKey: [...keys.appeals, 'list', { status, pageSize: 200, picker: true }],
    queryFn: () =>
      unwrap(
        api.GET('/api/appeals', {
          params: { query: { status, pageSize: 200, sort: 'submittedAt', order: 'desc' } },
        }),
      ),
    enabled,
  });
}

/**
 * The fields of one chosen appeal: the proposed handling and the units. The units asked to verify are
 * proposed as the units concerned, and the office's assessment can be taken over as the proposed handling.
 */
function ChosenAppeal({ appeal }: { appeal: AppealListItem }) {
  const { t } = useI18n();
  const form = Form.useFormInstance<Values>();
  const verification = useQuery({
    queryKey: keys.appealVerification(appeal.id),
    queryFn: () => unwrap(api.GET('/api/appeals/{id}/verification', { params: { path: { id: appeal.id } } })),
  });
  const data = verification.data;
  const assessment = data?.assessment ?? null;

  // biome-ignore lint/correctness/useExhaustiveDependencies: proposes once, when the dossier arrives
  useEffect(() => {
    if (!data) return;
    const units = [...new Set(data.requests.map((request) => request.unitId))].slice(0, 10);
    const current = form.getFieldValue(['items', appeal.id, 'unitIds']) as string[] | undefined;
    if (units.length > 0 && (!current || current.length === 0)) {
      form.setFieldValue(['items', appeal.id, 'unitIds'], units);
    }
  }, [data]);

  return (
    <fieldset className="chosen-appeal">
      <legend>
        {appeal.number} {appeal.title}
      </legend>
      <p className="muted cell-small chosen-enterprise">{appeal.enterpriseName}</p>
      <Form.Item
        label={t('event.item.proposedHandling')}
        name={['items', appeal.id, 'proposedHandling']}
        extra={
          assessment ? (
            <span className="assessment-hint">
              <span>{t('event.item.assessmentLine', { text: assessment })}</span>
              <Button
                size="small"
                type="link"
                onClick={() => form.setFieldValue(['items', appeal.id, 'proposedHandling'], assessment)}
              >
                {t('event.item.useAssessment')}
              </Button>
            </span>
          ) : (
            t('event.item.proposedHandling.help')
          )
        }
        rules={[
          { required: true, whitespace: true, message: t('event.item.proposedHandling.required') },
          { min: 2, max: 2000 },
        ]}
      >
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={2000} />
      </Form.Item>
      <Form.Item
        label={t('event.item.units')}
        name={['items', appeal.id, 'unitIds']}
        extra={t('event.item.units.help')}
        rules={[{ required: true, type: 'array', min: 1, max: 10, message: t('event.item.units.required') }]}
      >
        <UnitsSelect maxCount={10} />
      </Form.Item>
    </fieldset>
  );
}

/** Picks appeals of the pool (pooled or being verified) and puts them on the catalogue. */
export function AddItemsDrawer({
  open,
  event,
  onClose,
}: {
  open: boolean;
  event: EventDetail;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const screens = Grid.useBreakpoint();
  const tierName = useTierName();
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<AppealListItem[]>([]);
  const verifying = usePoolAppeals('verifying', open);
  const pooled = usePoolAppeals('pooled', open);

  useEffect(() => {
    if (open) return;
    setChosen([]);
    setSearch('');
  }, [open]);

  const candidates = useMemo(() => {
    const all = [...(verifying.data?.items ?? []), ...(pooled.data?.items ?? [])];
    // An event takes the appeals its level handles now (a county's escalated ones go to the city's).
    const inScope = all.filter((appeal) => appeal.handlingRegionId === event.regionId);
    const words = search.trim().toLowerCase();
    if (!words) return inScope;
    return inScope.filter((appeal) =>
      [appeal.number, appeal.title, appeal.enterpriseName].some((text) => text.toLowerCase().includes(words)),
    );
  }, [verifying.data, pooled.data, event.regionId, search]);

  const add = useEventAction<Values>({
    event,
    form,
    send: (values, version) =>
      unwrap(
        api.POST('/api/events/{id}/items', {
          params: { path: { id: event.id } },
          body: {
            items: chosen.map((appeal) => ({
              appealId: appeal.id,
              proposedHandling: values.items[appeal.id]?.proposedHandling?.trim() ?? '',
              unitIds: values.items[appeal.id]?.unitIds ?? [],
            })),
            version,
          },
        }),
      ),
    done: t('event.items.added', { count: chosen.length }),
    onDone: onClose,
  });

  const columns: TableColumnsType<AppealListItem> = [
    {
      title: t('appeal.number'),
      dataIndex: 'number',
      key: 'number',
      render: (number: string) => <span className="nowrap">{number}</span>,
    },
    {
      title: t('appeal.title'),
      dataIndex: 'title',
      key: 'title',
      render: (title: string, appeal) => (
        <div>
          <div className="cell-strong">{title}</div>
          <div className="muted cell-small">{appeal.enterpriseName}</div>
        </div>
      ),
    },
    {
      title: t('common.status'),
      dataIndex: 'status',
      key: 'status',
      responsive: ['sm'],
      render: (_, appeal) => (
        <div>
          <AppealStatusTag status={appeal.status} />
          {appeal.tierCode ? <div className="muted cell-small">{tierName(appeal.tierCode)}</div> : null}
        </div>
      ),
    },
  ];

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('event.items.add.title')}
      size={screens.md ? 880 : '100%'}
      destroyOnHidden
      footer={
        <div className="drawer-footer">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            disabled={chosen.length === 0}
            loading={add.isPending}
            onClick={() => form.submit()}
          >
            {t('event.items.add.submit', { count: chosen.length })}
          </Button>
        </div>
      }
    >
      <p className="muted">{t('event.items.add.help')}</p>
      <div className="picker-search">
        <label htmlFor="pool-picker-search">{t('event.items.add.search')}</label>
        <Input.Search
          id="pool-picker-search"
          allowClear
          value={search}
          onChange={(change) => setSearch(change.target.value)}
          placeholder={t('event.items.add.searchPlaceholder')}
        />
      </div>
      <div className="table-scroll">
        <Table<AppealListItem>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={candidates}
          loading={verifying.isFetching || pooled.isFetching}
          pagination={candidates.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
          locale={{ emptyText: t('event.items.add.none') }}
          rowSelection={{
            selectedRowKeys: chosen.map((appeal) => appeal.id),
            preserveSelectedRowKeys: true,
            onChange: (selectedKeys, rows) =>
              setChosen((current) =>
                selectedKeys
                  .map(
                    (key) =>
                      current.find((appeal) => appeal.id === key) ?? rows.find((row) => row?.id === key),
                  )
                  .filter((row): row is AppealListItem => row !== undefined),
              ),
            getCheckboxProps: (appeal) => ({
              'aria-label': t('event.items.choose', { number: appeal.number }),
            }),
            getTitleCheckboxProps: () => ({ 'aria-label': t('event.items.chooseAll') }),
          }}
        />
      </div>
      <h3 className="subsection-title chosen-title">{t('event.items.chosen', { count: chosen.length })}</h3>
      {chosen.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('event.items.chosen.none')} />
      ) : (
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{ items: {} }}
          onFinish={(values) => add.mutate(values)}
        >
          {chosen.map((appeal) => (
            <ChosenAppeal key={appeal.id} appeal={appeal} />
          ))}
        </Form>
      )}
    </Drawer>
  );
}
