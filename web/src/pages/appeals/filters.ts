import {
  type AppealChannel,
  type AppealLevel,
  type AppealStatus,
  appealChannels,
  appealLevels,
  appealSorts,
  appealStatuses,
  assignmentStatusFilters,
  type EnterpriseFlag,
  enterpriseFlags,
  ratingFilters,
} from '@f2f/contract';
import type { AppealQuery } from '../../api/types.ts';

type Sort = (typeof appealSorts)[number];

function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return value !== null && (values as readonly string[]).includes(value) ? (value as T) : undefined;
}

function positive(value: string | null, fallback: number): number {
  const number = Number(value);
  return Number.isInteger(number) && number > 0 ? number : fallback;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The pool's filters live in the address, so that Back from an appeal returns to the same list. */
export function queryFromParams(params: URLSearchParams): AppealQuery {
  const text = (name: string) => params.get(name)?.trim() || undefined;
  const date = (name: string) => {
    const value = params.get(name);
    return value && ISO_DATE.test(value) ? value : undefined;
  };
  return {
    q: text('q'),
    channel: oneOf<AppealChannel>(appealChannels, params.get('channel')),
    collectingUnitId: text('collectingUnitId'),
    regionId: text('regionId'),
    level: oneOf<AppealLevel>(appealLevels, params.get('level')),
    category: text('category'),
    flag: oneOf<EnterpriseFlag>(enterpriseFlags, params.get('flag')),
    status: oneOf<AppealStatus>(appealStatuses, params.get('status')),
    tierCode: text('tierCode'),
    enterpriseId: text('enterpriseId'),
    commonIssueId: text('commonIssueId'),
    exchangeId: text('exchangeId'),
    from: date('from'),
    to: date('to'),
    // The figure filters a dashboard or ranking links with (see figureFilters.tsx for their tags).
    leadUnitId: text('leadUnitId'),
    leadRegionId: text('leadRegionId'),
    assignmentStatus: oneOf(assignmentStatusFilters, params.get('assignmentStatus')),
    overdue: oneOf(['true'] as const, params.get('overdue')),
    onTime: oneOf(['true', 'false'] as const, params.get('onTime')),
    reopened: oneOf(['true', 'false'] as const, params.get('reopened')),
    rating: oneOf(ratingFilters, params.get('rating')),
    supervised: oneOf(['true'] as const, params.get('supervised')),
    sort: oneOf<Sort>(appealSorts, params.get('sort')) ?? 'submittedAt',
    order: params.get('order') === 'asc' ? 'asc' : 'desc',
    page: positive(params.get('page'), 1),
    pageSize: Math.min(positive(params.get('pageSize'), 20), 200),
  };
}

/** The address form of a query: only what differs from the defaults. */
export function paramsFromQuery(query: AppealQuery): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (name === 'sort' && value === 'submittedAt') continue;
    if (name === 'order' && value === 'desc') continue;
    if (name === 'page' && value === 1) continue;
    if (name === 'pageSize' && value === 20) continue;
    params.set(name, String(value));
  }
  return params;
}

/** The filters alone (no paging): what the export takes. */
export function exportQuery(query: AppealQuery): Omit<AppealQuery, 'page' | 'pageSize'> {
  const { page: _page, pageSize: _pageSize, ...rest } = query;
  return rest;
}
