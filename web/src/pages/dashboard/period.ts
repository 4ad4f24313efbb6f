import dayjs, { type Dayjs } from 'dayjs';
import { useSearchParams } from 'react-router';

/** A month as the statistics pages put it in the address: `YYYY-MM`. */
export const MONTH_FORMAT = 'YYYY-MM';
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The quick choices of a period, each ending with the current month; a page offers some of them. */
export type PeriodPreset = 'month' | 'last3' | 'quarter' | 'year' | 'last12';

/** A preset's first and last month, ending with the current one. */
export function presetRange(preset: PeriodPreset, today: Dayjs = dayjs()): [string, string] {
  const to = today.format(MONTH_FORMAT);
  switch (preset) {
    case 'month':
      return [to, to];
    case 'last3':
      return [today.subtract(2, 'month').format(MONTH_FORMAT), to];
    case 'quarter':
      return [today.month(Math.floor(today.month() / 3) * 3).format(MONTH_FORMAT), to];
    case 'year':
      return [today.month(0).format(MONTH_FORMAT), to];
    case 'last12':
      return [today.subtract(11, 'month').format(MONTH_FORMAT), to];
  }
}

/** The preset of a page's list whose months are exactly `from` to `to`, if any. */
export function activePreset<P extends PeriodPreset>(
  presets: readonly P[],
  from: string,
  to: string,
  today: Dayjs = dayjs(),
): P | undefined {
  return presets.find((preset) => {
    const [a, b] = presetRange(preset, today);
    return a === from && b === to;
  });
}

/** Search parameters to set (a value) or remove (none). */
export type ParamsPatch = Record<string, string | undefined>;

/**
 * The period of a statistics page from its address (`from` and `to`, in order), the default preset's
 * months when they are missing or wrong, and a way to change the address in place.
 */
export function usePeriodParams(defaultPreset: PeriodPreset) {
  const [params, setParams] = useSearchParams();
  const [defaultFrom, defaultTo] = presetRange(defaultPreset);
  const fromParam = params.get('from');
  const toParam = params.get('to');
  let from = fromParam && MONTH.test(fromParam) ? fromParam : defaultFrom;
  let to = toParam && MONTH.test(toParam) ? toParam : defaultTo;
  if (from > to) [from, to] = [to, from];

  const update = (patch: ParamsPatch) => {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(patch)) {
      if (value) next.set(name, value);
      else next.delete(name);
    }
    setParams(next, { replace: true });
  };
  return { params, from, to, update };
}
