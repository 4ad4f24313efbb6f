import { Button, Tag } from 'antd';
import { useRegions, useUnits } from '../../api/queries.ts';
import type { AppealQuery } from '../../api/types.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import './figure-filters.css';

/** The pool's filters that only a dashboard or ranking link sets: no field of their own, a tag each. */
export const figureFilterNames = [
  'leadUnitId',
  'leadRegionId',
  'assignmentStatus',
  'overdue',
  'onTime',
  'reopened',
  'rating',
  'supervised',
] as const;
type FigureFilter = (typeof figureFilterNames)[number];

/** How many figure filters a query holds. */
export function figureFilterCount(query: AppealQuery): number {
  return figureFilterNames.filter((name) => query[name] !== undefined).length;
}

/**
 * The figure filters of the list as closable tags, so that a list reached from a dashboard or the ranking
 * says what it is filtered by, and each can be taken off.
 */
export function FigureFilterTags({
  query,
  onRemove,
}: {
  query: AppealQuery;
  onRemove: (name: FigureFilter) => void;
}) {
  const { t } = useI18n();
  const units = useUnits();
  const regions = useRegions();
  const active = figureFilterNames.filter((name) => query[name] !== undefined);
  if (active.length === 0) return null;
  const text = (name: FigureFilter): string => {
    const value = String(query[name]);
    switch (name) {
      case 'leadUnitId':
        return t('pool.figure.leadUnit', { name: units.data?.find((u) => u.id === value)?.name ?? '…' });
      case 'leadRegionId':
        return t('pool.figure.leadRegion', {
          name: regions.data?.find((r) => r.id === value)?.name ?? '…',
        });
      default:
        return t(`pool.figure.${name}.${value}` as MessageKey);
    }
  };
  return (
    <section className="figure-filters" aria-label={t('pool.figure.label')}>
      <span className="muted">{t('pool.figure.label')}</span>
      {active.map((name) => (
        <Tag key={name} color="blue" className="figure-filter-tag">
          {text(name)}
          <Button
            type="text"
            size="small"
            className="figure-filter-remove"
            aria-label={t('pool.figure.remove', { name: text(name) })}
            onClick={() => onRemove(name)}
          >
            ×
          </Button>
        </Tag>
      ))}
    </section>
  );
}
