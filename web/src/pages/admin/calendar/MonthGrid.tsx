import dayjs from 'dayjs';
import type { CalendarDay } from '../../../api/types.ts';
import { useI18n } from '../../../i18n/I18nProvider.tsx';

interface Props {
  year: number;
  /** 0-based month. */
  month: number;
  days: Map<string, CalendarDay>;
}

/** One month as a Monday-first table, marking holidays (休) and make-up working days (班). */
export function MonthGrid({ year, month, days }: Props) {
  const { t, locale } = useI18n();
  const first = dayjs(new Date(year, month, 1));
  const lead = (first.day() + 6) % 7; // Monday = 0
  const count = first.daysInMonth();
  const cells: (number | null)[] = [
    ...Array.from({ length: lead }, () => null),
    ...Array.from({ length: count }, (_, i) => i + 1),
  ];
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks = Array.from({ length: cells.length / 7 }, (_, i) => cells.slice(i * 7, i * 7 + 7));
  const weekdays = [1, 2, 3, 4, 5, 6, 0].map((day) => dayjs().day(day).format('dd'));

  return (
    <table className="month-grid">
      <caption>{first.format(locale === 'en' ? 'MMMM YYYY' : 'YYYY年M月')}</caption>
      <thead>
        <tr>
          {weekdays.map((name) => (
            <th key={name} scope="col">
              {name}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks.map((week) => (
          <tr key={week.map((day) => day ?? '-').join('.')}>
            {week.map((day, index) => {
              // biome-ignore lint/suspicious/noArrayIndexKey: blank cells have only their position
              if (day === null) return <td key={`blank-${index}`} />;
              const date = first.date(day).format('YYYY-MM-DD');
              const entry = days.get(date);
              const weekend = index >= 5;
              let className = weekend ? 'cal-weekend' : '';
              let mark: string | null = null;
              if (entry?.isOffDay) {
                className = 'cal-holiday';
                mark = t('calendar.mark.holiday');
              } else if (entry) {
                className = 'cal-makeup';
                mark = t('calendar.mark.makeUp');
              }
              return (
                <td key={date} className={className} title={entry ? entry.name : undefined}>
                  <span className="cal-day">{day}</span>
                  {mark ? (
                    <span className="cal-mark">
                      {mark}
                      <span className="visually-hidden"> {entry?.name}</span>
                    </span>
                  ) : null}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
