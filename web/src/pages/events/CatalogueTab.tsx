import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  EditOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Popconfirm, Space, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { api, isApiError, unwrap } from '../../api/client.ts';
import { useShowError } from '../../api/useShowError.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { AddItemsDrawer } from './AddItemsDrawer.tsx';
import { Dossier, ItemHeading } from './Dossier.tsx';
import { EditItemModal } from './EditItemModal.tsx';
import { eventKeys, useAcceptEvent } from './eventApi.ts';
import type { CatalogueItem, EventDetail } from './eventTypes.ts';
import { reached } from './eventUi.tsx';

/** Swaps two items' places; equal sort orders (never written by this page) are told apart first. */
async function swap(event: EventDetail, item: CatalogueItem, other: CatalogueItem): Promise<EventDetail> {
  const path = (id: string) => ({ path: { id: event.id, itemId: id } });
  let itemOrder = other.sortOrder;
  let otherOrder = item.sortOrder;
  if (itemOrder === otherOrder) {
    const moveUp = event.items.indexOf(item) > event.items.indexOf(other);
    itemOrder = moveUp ? other.sortOrder : other.sortOrder + 1;
    otherOrder = moveUp ? other.sortOrder + 1 : other.sortOrder;
  }
  await unwrap(
    api.PATCH('/api/events/{id}/items/{itemId}', {
      params: path(item.id),
      body: { sortOrder: Math.max(1, itemOrder), version: item.version },
    }),
  );
  return unwrap(
    api.PATCH('/api/events/{id}/items/{itemId}', {
      params: path(other.id),
      body: { sortOrder: Math.max(1, otherOrder), version: other.version },
    }),
  );
}

/** 问题目录: the catalogue items in order, each with its dossier; the office adds, edits, removes, reorders. */
export function CatalogueTab({ event }: { event: EventDetail }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const accept = useAcceptEvent();
  const queryClient = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<CatalogueItem | null>(null);
  const editable = event.allowedActions.includes('editCatalogue');
  const showRulings = reached(event, 'noticeIssued');

  const onError = async (error: unknown) => {
    if (isApiError(error, 'request.conflict')) message.warning(t('event.conflict'));
    else showError(error);
    await queryClient.invalidateQueries({ queryKey: eventKeys.one(event.id) });
  };

  const move = useMutation({
    mutationFn: ({ item, other }: { item: CatalogueItem; other: CatalogueItem }) => swap(event, item, other),
    onSuccess: (detail) => accept(detail),
    onError,
  });

  const remove = useMutation({
    mutationFn: (item: CatalogueItem) =>
      unwrap(
        api.DELETE('/api/events/{id}/items/{itemId}', {
          params: { path: { id: event.id, itemId: item.id } },
        }),
      ),
    onSuccess: (detail, item) => {
      accept(detail);
      message.success(t('event.item.removed', { number: item.appealNumber }));
    },
    onError,
  });

  const columns: TableColumnsType<CatalogueItem> = [
    {
      title: t('event.item.appeal'),
      key: 'appeal',
      minWidth: 220,
      render: (_, item, index) => (
        <div>
          <ItemHeading item={item} index={index} />
          <div className="muted cell-small">{item.enterpriseName}</div>
        </div>
      ),
    },
    {
      title: t('event.item.proposedHandling'),
      dataIndex: 'proposedHandling',
      key: 'proposedHandling',
      responsive: ['md'],
      render: (text: string) => <div className="clamp-3 pre-wrap">{text}</div>,
    },
    {
      title: t('event.item.units'),
      dataIndex: 'unitNames',
      key: 'units',
      responsive: ['lg'],
      render: (names: string[]) => (
        <span className="unit-tags">
          {names.map((name) => (
            <Tag key={name} className="unit-tag">
              {name}
            </Tag>
          ))}
        </span>
      ),
    },
  ];
  if (showRulings) {
    columns.push({
      title: t('event.ruling'),
      key: 'ruling',
      responsive: ['sm'],
      render: (_, item) =>
        item.ruling ? (
          <div>
            <div className="cell-strong">{item.ruling.leadUnitName}</div>
            <div className="muted cell-small nowrap">
              {t('event.ruling.dueShort', { date: item.ruling.dueDate })}
            </div>
          </div>
        ) : (
          <span className="muted">{t('event.ruling.none')}</span>
        ),
    });
  }
  if (editable) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      render: (_, item, index) => (
        <Space size={4} wrap>
          <Button
            size="small"
            icon={<ArrowUpOutlined />}
            aria-label={t('event.item.moveUp', { number: item.appealNumber })}
            disabled={index === 0 || move.isPending}
            onClick={() => {
              const other = event.items[index - 1];
              if (other) move.mutate({ item, other });
            }}
          />
          <Button
            size="small"
            icon={<ArrowDownOutlined />}
            aria-label={t('event.item.moveDown', { number: item.appealNumber })}
            disabled={index === event.items.length - 1 || move.isPending}
            onClick={() => {
              const other = event.items[index + 1];
              if (other) move.mutate({ item, other });
            }}
          />
          <Button
            size="small"
            icon={<EditOutlined />}
            aria-label={t('event.item.edit', { number: item.appealNumber })}
            onClick={() => setEditing(item)}
          />
          <Popconfirm
            title={t('event.item.remove.confirm', { number: item.appealNumber })}
            okText={t('common.confirm')}
            cancelText={t('common.cancel')}
            onConfirm={() => remove.mutateAsync(item).catch(() => undefined)}
          >
            <Button
              size="small"
              danger
              icon={<DeleteOutlined />}
              aria-label={t('event.item.remove', { number: item.appealNumber })}
            />
          </Popconfirm>
        </Space>
      ),
    });
  }

  return (
    <section aria-labelledby="catalogue-title">
      <div className="section-head">
        <h2 id="catalogue-title" className="tab-title">
          {t('event.tab.catalogue')}
          <span className="section-count muted">{t('event.itemsCount', { count: event.items.length })}</span>
        </h2>
        {editable ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('event.items.add')}
          </Button>
        ) : null}
      </div>
      <p className="muted tab-help">{editable ? t('event.catalogue.helpEdit') : t('event.catalogue.help')}</p>
      <div className="table-scroll">
        <Table<CatalogueItem>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={event.items}
          pagination={false}
          loading={move.isPending || remove.isPending}
          locale={{ emptyText: t('event.catalogue.empty') }}
          expandable={{
            expandedRowRender: (item) => <Dossier item={item} />,
            expandRowByClick: false,
          }}
        />
      </div>
      {editable ? (
        <>
          <AddItemsDrawer open={adding} event={event} onClose={() => setAdding(false)} />
          <EditItemModal item={editing} event={event} onClose={() => setEditing(null)} />
        </>
      ) : null}
    </section>
  );
}
