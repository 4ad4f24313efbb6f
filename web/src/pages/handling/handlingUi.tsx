import { assignmentStatusLabels, contactWayLabels, contactWays, handlingNoteKindLabels } from '@f2f/contract';
import { Select, type SelectProps, Tag } from 'antd';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { todayIso } from '../verification/verificationUi.tsx';
import type { AssignmentStatus, ContactWay, ExtensionRequest, HandlingNote, Reply } from './handlingApi.ts';

export function AssignmentStatusTag({ status }: { status: AssignmentStatus }) {
  const { label } = useI18n();
  return (
    <Tag className={`assignment-status assignment-status-${status}`}>
      {label(assignmentStatusLabels[status])}
    </Tag>
  );
}

/** 主办 / 协办: how my unit takes part. */
export function UnitRoleTag({ role }: { role: 'lead' | 'co' }) {
  const { t } = useI18n();
  return (
    <Tag className={`unit-role unit-role-${role}`}>
      {role === 'lead' ? t('handling.role.lead') : t('handling.role.co')}
    </Tag>
  );
}

export function NoteKindTag({ kind }: { kind: HandlingNote['kind'] }) {
  const { label } = useI18n();
  return <Tag className={`note-kind note-kind-${kind}`}>{label(handlingNoteKindLabels[kind])}</Tag>;
}

const extensionStatusKeys: Record<ExtensionRequest['status'], MessageKey> = {
  pending: 'handling.extension.pending',
  approved: 'handling.extension.approved',
  refused: 'handling.extension.refused',
};

export function ExtensionStatusTag({ status }: { status: ExtensionRequest['status'] }) {
  const { t } = useI18n();
  return (
    <Tag className={`extension-status extension-status-${status}`}>{t(extensionStatusKeys[status])}</Tag>
  );
}

const outcomeKeys: Record<Reply['outcome'], MessageKey> = {
  pending: 'handling.reply.pending',
  accepted: 'handling.reply.accepted',
  sentBack: 'handling.reply.sentBack',
};

export function ReplyOutcomeTag({ outcome }: { outcome: Reply['outcome'] }) {
  const { t } = useI18n();
  return <Tag className={`reply-outcome reply-outcome-${outcome}`}>{t(outcomeKeys[outcome])}</Tag>;
}

export function useContactWayName(): (way: ContactWay) => string {
  const { label } = useI18n();
  return (way) => label(contactWayLabels[way]);
}

export function ContactWaySelect(props: Omit<SelectProps<ContactWay>, 'options' | 'mode'>) {
  const name = useContactWayName();
  return (
    <Select<ContactWay> options={contactWays.map((way) => ({ value: way, label: name(way) }))} {...props} />
  );
}

interface ClockProps {
  status: AssignmentStatus;
  acceptDueDate: string;
  /** Working days until dueDate (negative when late), while the assignment is open. */
  workingDaysLeft: number | null;
  /** Past the deadline (a weekend after it counts no working day, yet it is late). */
  overdue: boolean;
}

/** Accepted late: the acceptance due date has passed (on the browser's calendar). */
export function acceptanceLate(acceptDueDate: string): boolean {
  return todayIso() > acceptDueDate;
}

/**
 * The clock of an assignment: while awaiting acceptance, the day to accept by (red once passed); while
 * in progress, the working days left until the deadline, or how late it is (red).
 */
export function AssignmentClock({ status, acceptDueDate, workingDaysLeft, overdue }: ClockProps) {
  const { t } = useI18n();
  if (status === 'pending') {
    const late = acceptanceLate(acceptDueDate);
    return (
      <span className="handling-clock">
        <span className={late ? 'clock-late' : undefined}>
          {t('handling.acceptBy', { date: acceptDueDate })}
        </span>
        {late ? <span className="clock-late">{t('handling.acceptLate')}</span> : null}
      </span>
    );
  }
  if (status !== 'accepted' || workingDaysLeft === null) return null;
  if (overdue || workingDaysLeft < 0) {
    return (
      <span className="handling-clock">
        <span className="clock-late">
          {workingDaysLeft < 0
            ? t('handling.overdue', { days: -workingDaysLeft })
            : t('handling.overdueShort')}
        </span>
      </span>
    );
  }
  return (
    <span className="handling-clock">
      <span className={workingDaysLeft === 0 ? 'clock-today' : 'clock-left'}>
        {workingDaysLeft === 0 ? t('handling.dueToday') : t('handling.daysLeft', { days: workingDaysLeft })}
      </span>
    </span>
  );
}
