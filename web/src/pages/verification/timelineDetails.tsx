import type { ReactNode } from 'react';
import { useUnits } from '../../api/queries.ts';
import type { TimelineEntry } from '../../api/types.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { useTierName } from './verificationUi.tsx';

type Data = Record<string, unknown>;

function asRecord(value: unknown): Data {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Data) : {};
}

function asString(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function asStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** Labels of the timeline kinds written by verification, decision and assignment. */
export const verificationKindKeys: Record<string, MessageKey> = {
  verificationRequested: 'timeline.verificationRequested',
  verificationAnswered: 'timeline.verificationAnswered',
  assessed: 'timeline.assessed',
  consulted: 'timeline.consulted',
  rejected: 'timeline.rejected',
  handledDirectly: 'timeline.handledDirectly',
  assigned: 'timeline.assigned',
};

/** A readable summary of a verification entry's data, or null for other kinds. */
export function useVerificationDetails(): (entry: TimelineEntry) => ReactNode {
  const { t } = useI18n();
  const tierName = useTierName();
  const units = useUnits();

  const unitList = (names: string[]) => names.join('、');
  const line = (key: string, text: ReactNode) => (
    <div key={key} className="timeline-detail">
      {text}
    </div>
  );
  const withdrawn = (data: Data) =>
    typeof data.withdrawnRequests === 'number' && data.withdrawnRequests > 0
      ? line(
          'withdrawn',
          <span className="muted">{t('timeline.withdrawn', { count: data.withdrawnRequests })}</span>,
        )
      : null;
  const tier = (data: Data) => {
    const code = asString(data.tierCode);
    const name = code ? tierName(code) : asString(data.tierName);
    // An unknown code reads better by the name stored with the entry.
    const shown = code && name === code ? (asString(data.tierName) ?? code) : name;
    return shown ? line('tier', t('timeline.tier', { tier: shown })) : null;
  };

  return (entry) => {
    const data = asRecord(entry.data);
    switch (entry.kind) {
      case 'verificationRequested': {
        const names = asStrings(data.units);
        const question = asString(data.question);
        const due = asString(data.dueDate);
        return (
          <>
            {names.length > 0 ? line('units', t('timeline.units', { units: unitList(names) })) : null}
            {due ? line('due', t('timeline.due', { date: due })) : null}
            {question
              ? line(
                  'question',
                  <span className="pre-wrap">{t('timeline.question', { text: question })}</span>,
                )
              : null}
          </>
        );
      }
      case 'verificationAnswered': {
        const unitId = asString(data.unitId);
        const unit = (unitId && units.data?.find((item) => item.id === unitId)?.name) ?? null;
        const answer = asString(data.answer);
        return (
          <>
            {answer
              ? line(
                  'answer',
                  <span className="pre-wrap">
                    {unit ? t('timeline.answer', { unit, text: answer }) : answer}
                  </span>,
                )
              : null}
            {data.late === true
              ? line('late', <span className="request-overdue">{t('timeline.late')}</span>)
              : null}
          </>
        );
      }
      case 'assessed':
        return tier(data);
      case 'consulted': {
        const date = asString(data.date) ?? '';
        const conclusion = asString(data.conclusion);
        return (
          <>
            {line(
              'consultation',
              t('timeline.consultation', { date, units: unitList(asStrings(data.units)) }),
            )}
            {conclusion
              ? line(
                  'conclusion',
                  <span className="pre-wrap">{t('timeline.conclusion', { text: conclusion })}</span>,
                )
              : null}
          </>
        );
      }
      case 'rejected': {
        const reason = asString(data.reason);
        return (
          <>
            {reason
              ? line('reason', <span className="pre-wrap">{t('timeline.reason', { text: reason })}</span>)
              : null}
            {withdrawn(data)}
          </>
        );
      }
      case 'handledDirectly':
        return (
          <>
            {tier(data)}
            {withdrawn(data)}
          </>
        );
      case 'assigned': {
        const lead = asString(data.leadUnit);
        const co = asStrings(data.coUnits);
        const due = asString(data.dueDate);
        return (
          <>
            {lead ? line('lead', t('timeline.lead', { unit: lead })) : null}
            {co.length > 0 ? line('co', t('timeline.coUnits', { units: unitList(co) })) : null}
            {due ? line('due', t('timeline.deadline', { date: due })) : null}
          </>
        );
      }
      default:
        return null;
    }
  };
}
