import { ThunderboltOutlined } from '@ant-design/icons';
import { Alert, Button, Table, type TableColumnsType } from 'antd';
import { useNavigate } from 'react-router';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDateTime } from '../appeals/appealUi.tsx';
import { ItemHeading } from './Dossier.tsx';
import type { CatalogueItem, EventDetail } from './eventTypes.ts';
import { reached } from './eventUi.tsx';

/** Each item with its ruling: lead unit, co-units, deadline, measures, who recorded it last. */
export function RulingsTable({ event }: { event: EventDetail }) {
  const { t } = useI18n();
  const columns: TableColumnsType<CatalogueItem> = [
    {
      title: t('event.item.appeal'),
      key: 'appeal',
      minWidth: 200,
      render: (_, item, index) => <ItemHeading item={item} index={index} />,
    },
    {
      title: t('ruling.lead'),
      key: 'lead',
      render: (_, item) =>
        item.ruling ? (
          <div>
            <div className="cell-strong">{item.ruling.leadUnitName}</div>
            {item.ruling.coUnitNames.length > 0 ? (
              <div className="muted cell-small">
                {t('ruling.coLine', { units: item.ruling.coUnitNames.join('、') })}
              </div>
            ) : null}
          </div>
        ) : (
          <span className="muted">{t('event.ruling.none')}</span>
        ),
    },
    {
      title: t('ruling.dueDate'),
      key: 'dueDate',
      responsive: ['sm'],
      render: (_, item) => <span className="nowrap">{item.ruling?.dueDate ?? ''}</span>,
    },
    {
      title: t('ruling.measures'),
      key: 'measures',
      responsive: ['md'],
      render: (_, item) =>
        item.ruling ? (
          <div>
            <div className="pre-wrap">{item.ruling.measures}</div>
            <div className="muted cell-small">
              {t('event.byAt', {
                name: item.ruling.updatedByName ?? t('common.none'),
                at: formatDateTime(item.ruling.updatedAt),
              })}
            </div>
          </div>
        ) : null,
    },
  ];
  return (
    <div className="table-scroll">
      <Table<CatalogueItem>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={event.items}
        pagination={false}
        locale={{ emptyText: t('event.catalogue.empty') }}
      />
    </div>
  );
}

/** 现场裁定: what has been ruled so far, and the way to the live ruling screen. */
export function RulingsTab({ event }: { event: EventDetail }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const mayRecord = event.allowedActions.includes('recordRuling');
  const ruled = event.items.filter((item) => item.ruling).length;
  return (
    <section aria-labelledby="rulings-title">
      <div className="section-head">
        <h2 id="rulings-title" className="tab-title">
          {t('event.tab.rulings')}
          <span className="section-count muted">
            {t('ruling.progress', { ruled, total: event.items.length })}
          </span>
        </h2>
        {reached(event, 'noticeIssued') ? (
          <Button
            type={mayRecord ? 'primary' : 'default'}
            icon={<ThunderboltOutlined />}
            onClick={() => navigate(`/events/${event.id}/rulings`)}
          >
            {mayRecord ? t('ruling.open') : t('ruling.view')}
          </Button>
        ) : null}
      </div>
      {reached(event, 'noticeIssued') ? (
        <p className="muted tab-help">{t('ruling.help')}</p>
      ) : (
        <Alert type="info" showIcon className="form-alert" title={t('ruling.afterNotice')} />
      )}
      <RulingsTable event={event} />
    </section>
  );
}
