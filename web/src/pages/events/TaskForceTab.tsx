import { taskForcePositionLabels } from '@f2f/contract';
import { Table } from 'antd';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { EventDetail } from './eventTypes.ts';

type Member = EventDetail['standingMembers'][number];
type NUnit = EventDetail['nUnits'][number];

function isPosition(value: string): value is keyof typeof taskForcePositionLabels {
  return value in taskForcePositionLabels;
}

/** 7+N: the task force's standing members, and the N units this event's appeals mainly concern. */
export function TaskForceTab({ event }: { event: EventDetail }) {
  const { t, label } = useI18n();
  return (
    <div className="task-force-columns">
      <section aria-labelledby="standing-title">
        <h2 id="standing-title" className="tab-title">
          {t('event.standing')}
          <span className="section-count muted">
            {t('event.standing.count', { count: event.standingMembers.length })}
          </span>
        </h2>
        <div className="table-scroll">
          <Table<Member>
            rowKey={(member) => `${member.position}-${member.personName}`}
            size="small"
            pagination={false}
            dataSource={event.standingMembers}
            locale={{ emptyText: t('event.standing.none') }}
            columns={[
              {
                title: t('event.standing.position'),
                dataIndex: 'position',
                key: 'position',
                render: (position: string) =>
                  isPosition(position) ? label(taskForcePositionLabels[position]) : position,
              },
              { title: t('event.standing.name'), dataIndex: 'personName', key: 'personName' },
              { title: t('event.standing.title'), dataIndex: 'title', key: 'title' },
            ]}
          />
        </div>
      </section>
      <section aria-labelledby="n-units-title">
        <h2 id="n-units-title" className="tab-title">
          {t('event.nUnits')}
          <span className="section-count muted">
            {t('event.nUnits.count', { count: event.nUnits.length })}
          </span>
        </h2>
        <p className="muted tab-help">{t('event.nUnits.help')}</p>
        <div className="table-scroll">
          <Table<NUnit>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={event.nUnits}
            locale={{ emptyText: t('event.nUnits.none') }}
            columns={[
              { title: t('event.nUnits.unit'), dataIndex: 'name', key: 'name' },
              {
                title: t('event.nUnits.items'),
                dataIndex: 'items',
                key: 'items',
                align: 'right',
              },
            ]}
          />
        </div>
      </section>
    </div>
  );
}
