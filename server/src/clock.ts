/** The source of "now". Tests use a fixed or advancing clock instead of sleeping. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export class FakeClock implements Clock {
  private current: Date;
  constructor(start: Date | string) {
    this.current = new Date(start);
  }
  now(): Date {
    return new Date(this.current);
  }
  set(to: Date | string): void {
    this.current = new Date(to);
  }
  advanceMinutes(minutes: number): void {
    this.current = new Date(this.current.getTime() + minutes * 60_000);
  }
}

/** The calendar date (YYYY-MM-DD) of an instant in the given IANA time zone. */
export function dateInZone(instant: Date, timeZone: string): string {
  return formatter(
    dateFormats,
    timeZone,
    () => ({
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }),
    'en-CA',
  ).format(instant);
}

// Building an Intl.DateTimeFormat costs tens of microseconds, using one about one: one per zone, kept.
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const wallFormats = new Map<string, Intl.DateTimeFormat>();

function formatter(
  cache: Map<string, Intl.DateTimeFormat>,
  timeZone: string,
  options: () => Intl.DateTimeFormatOptions,
  locale: string,
): Intl.DateTimeFormat {
  let format = cache.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options());
    cache.set(timeZone, format);
  }
  return format;
}

/** How far the zone's wall clock is ahead of UTC at an instant (epoch milliseconds), in milliseconds. */
export function zoneOffsetMs(at: number, timeZone: string): number {
  const parts = formatter(
    wallFormats,
    timeZone,
    () => ({
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    }),
    'en-US',
  ).formatToParts(new Date(at));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - at;
}

/**
 * The UTC instant at which a calendar date begins in the given time zone, as an ISO string
 * (2025-07-15 in Asia/Shanghai begins at 2025-07-14T16:00:00.000Z).
 */
export function startOfDateInZone(date: string, timeZone: string): string {
  const utcMidnight = Date.parse(`${date}T00:00:00.000Z`);
  return new Date(utcMidnight - zoneOffsetMs(utcMidnight, timeZone)).toISOString();
}
