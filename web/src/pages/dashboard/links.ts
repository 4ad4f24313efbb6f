import { paramsFromQuery, queryFromParams } from '../appeals/filters.ts';

/** A figure's click-through: the GET /api/appeals parameters that list the appeals behind it. */
export type AppealLinkParams = Partial<Record<string, string | number | boolean>>;

/**
 * The pool's address listing a figure's appeals, or null when there is no link, or when the pool would not
 * apply one of its parameters (a list wider than the figure is worse than no link at all).
 */
export function poolHref(link: AppealLinkParams | null | undefined): string | null {
  if (!link) return null;
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(link)) {
    if (value !== undefined && value !== '') params.set(name, String(value));
  }
  const understood = paramsFromQuery(queryFromParams(params));
  for (const [name, value] of params) {
    if (understood.get(name) !== value) return null;
  }
  return `/appeals?${params.toString()}`;
}
