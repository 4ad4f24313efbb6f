import {
  CheckCircleOutlined,
  CheckOutlined,
  ClockCircleOutlined,
  CommentOutlined,
  FileDoneOutlined,
  PhoneOutlined,
  RollbackOutlined,
  ScheduleOutlined,
  SolutionOutlined,
  UndoOutlined,
} from '@ant-design/icons';
import type { AppealAction, AppealStatus } from '@f2f/contract';
import { Alert, Button, Card, Spin, Tag, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import type { AppealDetail, Assignment } from '../../api/types.ts';
import { useSession } from '../../auth/session.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { formatDateTime } from '../appeals/appealUi.tsx';
import { todayIso } from '../verification/verificationUi.tsx';
import { AcceptModal } from './AcceptModal.tsx';
import { CloseModal } from './CloseModal.tsx';
import { DecideExtensionModal } from './DecideExtensionModal.tsx';
import { ExtensionModal } from './ExtensionModal.tsx';
import {
  type AppealHandling,
  type ExtensionRequest,
  type HandlingNote,
  type Reply,
  useAppealAssignments,
  useAppealHandling,
} from './handlingApi.ts';
import {
  AssignmentClock,
  AssignmentStatusTag,
  ExtensionStatusTag,
  NoteKindTag,
  ReplyOutcomeTag,
  useContactWayName,
} from './handlingUi.tsx';
import { ProgressModal } from './ProgressModal.tsx';
import { ReportDrawer } from './ReportDrawer.tsx';
import { TextActionModal } from './TextActionModal.tsx';
import './handling.css';

/** Statuses in which an appeal may have (had) an assignment. */
const HANDLED: readonly AppealStatus[] = [
  'toAssign',
  'assigned',
  'inProgress',
  'completionReported',
  'closed',
];

/** The buttons of this section, in order; 记录进展 and 联系企业 are both the action addProgress. */
const BUTTONS = [
  { key: 'accept', action: 'accept', icon: <CheckOutlined />, label: 'action.accept', primary: true },
  { key: 'return', action: 'returnAssignment', icon: <RollbackOutlined />, label: 'action.returnAssignment' },
  { key: 'progress', action: 'addProgress', icon: <SolutionOutlined />, label: 'action.addProgress' },
  { key: 'contact', action: 'addProgress', icon: <PhoneOutlined />, label: 'action.contact' },
  { key: 'coInput', action: 'addCoInput', icon: <CommentOutlined />, label: 'action.addCoInput' },
  {
    key: 'extension',
    action: 'requestExtension',
    icon: <ClockCircleOutlined />,
    label: 'action.requestExtension',
  },
  {
    key: 'decide',
    action: 'decideExtension',
    icon: <ScheduleOutlined />,
    label: 'action.decideExtension',
    primary: true,
  },
  {
    key: 'report',
    action: 'reportCompletion',
    icon: <FileDoneOutlined />,
    label: 'action.reportCompletion',
    primary: true,
  },
  { key: 'close', action: 'close', icon: <CheckCircleOutlined />, label: 'action.close', primary: true },
  { key: 'sendBack', action: 'sendBack', icon: <UndoOutlined />, label: 'action.sendBack', danger: true },
] as const satisfies readonly {
  key: string;
  action: AppealAction;
  icon: ReactNode;
  label: MessageKey;
  primary?: boolean;
  danger?: boolean;
}[];
type Form = (typeof BUTTONS)[number]['key'];

/** The assignment being handled: the latest one not returned. */
function activeOf(assignments: readonly Assignment[]): Assignment | undefined {
  return [...assignments].reverse().find((assignment) => assignment.status !== 'returned');
}

/** The reply the office accepted, which closed the appeal. */
function acceptedReply(handling: AppealHandling | undefined): Reply | undefined {
  return [...(handling?.replies ?? [])].reverse().find((reply) => reply.outcome === 'accepted');
}

/** The answer to the enterprise, first on the page once the appeal is closed. */
export function ClosureNotice({ appeal }: { appeal: AppealDetail }) {
  const { t } = useI18n();
  const closed = appeal.status === 'closed';
  const handling = useAppealHandling(appeal.id, closed);
  const reply = closed ? acceptedReply(handling.data) : undefined;
  if (!reply) return null;
  return (
    <Alert
      type="success"
      showIcon
      className="decision-alert closure-notice"
      title={t('handling.closed.title', { unit: reply.unitName })}
      description={
        <>
          <div className="verify-text closure-reply">{reply.content}</div>
          {reply.policyBasis ? (
            <div className="verify-text reply-basis">
              <span className="cell-strong">{t('handling.reply.policyBasis')}</span>
              {reply.policyBasis}
            </div>
          ) : null}
          <div className="muted verify-meta">{t('handling.closed.at', { at: formatDateTime(reply.at) })}</div>
        </>
      }
    />
  );
}

/** The deadline now; when an extension moved it, the first deadline and why. */
function Deadline({
  assignment,
  handling,
}: {
  assignment: Assignment;
  handling: AppealHandling | undefined;
}) {
  const { t } = useI18n();
  const extended = assignment.dueDate !== assignment.originalDueDate;
  const approved = [...(handling?.extensions ?? [])]
    .reverse()
    .find((request) => request.status === 'approved' && request.assignmentId === assignment.id);
  return (
    <>
      <span className="deadline-line">
        <span className="cell-strong">{assignment.dueDate}</span>
        <AssignmentClock
          status={assignment.status}
          acceptDueDate={assignment.acceptDueDate}
          workingDaysLeft={handling?.workingDaysLeft ?? null}
          overdue={todayIso() > assignment.dueDate}
        />
      </span>
      {extended ? (
        <div className="muted verify-meta">
          {t('handling.extended', { date: assignment.originalDueDate })}
        </div>
      ) : null}
      {extended && approved ? (
        <div className="verify-text verify-meta">
          <span className="muted">{t('handling.extension.reasonLabel')}</span>
          {approved.reason}
        </div>
      ) : null}
    </>
  );
}

function ActiveAssignment({
  assignment,
  handling,
}: {
  assignment: Assignment;
  handling: AppealHandling | undefined;
}) {
  const { t } = useI18n();
  return (
    <dl className="fact-list handling-facts">
      <div>
        <dt>{t('assign.lead')}</dt>
        <dd>
          <span className="lead-line">
            <span className="cell-strong">{assignment.leadUnitName}</span>
            <AssignmentStatusTag status={assignment.status} />
          </span>
        </dd>
      </div>
      <div>
        <dt>{t('assign.co')}</dt>
        <dd>
          {assignment.coUnits.length > 0 ? (
            <ul className="co-unit-list">
              {assignment.coUnits.map((unit) => (
                <li key={unit.id} className="co-unit-item">
                  <span>{unit.name}</span>
                  {unit.inputAt ? (
                    <Tag className="co-input-given">{t('handling.coGiven')}</Tag>
                  ) : unit.dueDate ? (
                    <Tag>{t('handling.coDue', { date: unit.dueDate })}</Tag>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : (
            t('common.none')
          )}
        </dd>
      </div>
      <div>
        <dt>{t('assign.dueDate')}</dt>
        <dd>
          <Deadline assignment={assignment} handling={handling} />
        </dd>
      </div>
      {assignment.status === 'pending' ? (
        <div>
          <dt>{t('handling.acceptDueDate')}</dt>
          <dd>
            <AssignmentClock
              status="pending"
              acceptDueDate={assignment.acceptDueDate}
              workingDaysLeft={null}
              overdue={false}
            />
          </dd>
        </div>
      ) : null}
      {assignment.acceptedAt ? (
        <div>
          <dt>{t('handling.acceptedAt')}</dt>
          <dd>{formatDateTime(assignment.acceptedAt)}</dd>
        </div>
      ) : null}
    </dl>
  );
}

/** Returned assignments: a warning with each unit's reason. */
function Returns({ count, returned }: { count: number; returned: readonly Assignment[] }) {
  const { t } = useI18n();
  if (count === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      className="form-alert returns-alert"
      title={t('handling.returns', { count })}
      description={
        returned.length > 0 ? (
          <ul className="returns-list">
            {returned.map((assignment) => (
              <li key={assignment.id}>
                <span className="cell-strong">{assignment.leadUnitName}</span>
                {assignment.returnReason ? (
                  <span className="verify-text">
                    {t('handling.returnReason', { text: assignment.returnReason })}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        ) : null
      }
    />
  );
}

function Subsection({ title, count, children }: { title: string; count: number; children: ReactNode }) {
  return (
    <section className="verify-subsection" aria-label={title}>
      <Typography.Title level={3} className="subsection-title">
        {title}
        <span className="section-count muted">{count}</span>
      </Typography.Title>
      <ul className="verify-list">{children}</ul>
    </section>
  );
}

function ReplyItem({ reply }: { reply: Reply }) {
  const { t } = useI18n();
  return (
    <li className={`verify-item reply-item reply-item-${reply.outcome}`}>
      <div className="verify-item-head">
        <span className="cell-strong">{reply.unitName}</span>
        <ReplyOutcomeTag outcome={reply.outcome} />
      </div>
      <div className="verify-text">{reply.content}</div>
      {reply.policyBasis ? (
        <div className="verify-text reply-basis">
          <span className="muted">{t('handling.reply.policyBasis')}</span>
          {reply.policyBasis}
        </div>
      ) : null}
      <div className="muted verify-meta">
        {t('handling.reply.by', { name: reply.authorName ?? t('common.none'), at: formatDateTime(reply.at) })}
      </div>
      {reply.outcome === 'sentBack' && reply.reviewNote ? (
        <div className="review-note">
          <span className="cell-strong">{t('handling.reply.sentBackReason')}</span>
          <span className="verify-text">{reply.reviewNote}</span>
        </div>
      ) : null}
    </li>
  );
}

function ExtensionItem({ request }: { request: ExtensionRequest }) {
  const { t } = useI18n();
  const decision =
    request.status === 'approved' ? 'handling.extension.approvedBy' : 'handling.extension.refusedBy';
  return (
    <li className="verify-item">
      <div className="verify-item-head">
        <span className="cell-strong">{t('handling.extension.to', { date: request.requestedDueDate })}</span>
        <ExtensionStatusTag status={request.status} />
        <span className="muted">{t('handling.extension.from', { date: request.previousDueDate })}</span>
      </div>
      <div className="verify-text">
        <span className="muted">{t('handling.extension.reasonLabel')}</span>
        {request.reason}
      </div>
      <div className="muted verify-meta">
        {t('handling.extension.requestedBy', {
          name: request.requestedByName ?? t('common.none'),
          at: formatDateTime(request.requestedAt),
        })}
      </div>
      {request.status !== 'pending' ? (
        <div className="muted verify-meta">
          {t(decision, {
            name: request.decidedByName ?? t('common.none'),
            at: request.decidedAt ? formatDateTime(request.decidedAt) : '',
          })}
        </div>
      ) : null}
      {request.note ? (
        <div className="verify-text">{t('handling.extension.note', { text: request.note })}</div>
      ) : null}
    </li>
  );
}

function NoteItem({ note }: { note: HandlingNote }) {
  const { t } = useI18n();
  const wayName = useContactWayName();
  return (
    <li className={`verify-item note-item note-item-${note.kind}`}>
      <div className="verify-item-head">
        <NoteKindTag kind={note.kind} />
        <span className="cell-strong">{note.unitName}</span>
      </div>
      {note.kind === 'contact' && note.contactDate ? (
        <div className="contact-line">
          {t('handling.contact', {
            date: note.contactDate,
            way: note.contactWay ? wayName(note.contactWay) : '',
            person: note.contactPerson ?? '',
          })}
        </div>
      ) : null}
      <div className="verify-text">{note.content}</div>
      <div className="muted verify-meta">
        {t('handling.note.by', { name: note.authorName ?? t('common.none'), at: formatDateTime(note.at) })}
      </div>
    </li>
  );
}

/**
 * 办理情况: the assignment being handled with its clock, returns, replies and their review, extension
 * requests and their decisions, the units' notes; and the buttons of exactly the actions allowed now.
 * The enterprise sees the handling unit and the deadline (the reply, once accepted, shows at the top).
 */
export function HandlingSection({ appeal }: { appeal: AppealDetail }) {
  const { t } = useI18n();
  const { roles } = useSession();
  const [open, setOpen] = useState<Form | null>(null);
  const enterprise = roles.includes('enterprise');
  const handled = HANDLED.includes(appeal.status);
  const verification = useAppealAssignments(appeal.id, handled);
  const handlingQuery = useAppealHandling(appeal.id, handled);
  const handling = handlingQuery.data;
  const allowed = new Set(appeal.allowedActions);
  const buttons = BUTTONS.filter((button) => allowed.has(button.action));
  const close = () => setOpen(null);
  // A form stays mounted until it closes, even when its action is no longer allowed (just done).
  const show = (form: Form) =>
    open === form || BUTTONS.some((button) => button.key === form && allowed.has(button.action));

  if (appeal.status === 'notAccepted') return null;

  const assignments = verification.data?.assignments ?? [];
  const active = activeOf(assignments);
  const returned = assignments.filter((assignment) => assignment.status === 'returned');
  const replies = [...(handling?.replies ?? [])].reverse();
  const extensions = handling?.extensions ?? [];
  const notes = handling?.notes ?? [];
  const pendingExtension = extensions.find((request) => request.status === 'pending');
  const pendingReply = replies.find((reply) => reply.outcome === 'pending');
  const lastSentBack = replies.find((reply) => reply.outcome === 'sentBack');
  const loading = handled && (verification.isLoading || handlingQuery.isLoading);

  return (
    <Card className="section-card handling-section">
      <div className="section-head">
        <Typography.Title level={2} className="section-title">
          {t('handling.title')}
        </Typography.Title>
        {buttons.length > 0 ? (
          <div className="verify-actions">
            {buttons.map((button) => (
              <Button
                key={button.key}
                icon={button.icon}
                type={'primary' in button && button.primary ? 'primary' : 'default'}
                danger={'danger' in button && button.danger}
                onClick={() => setOpen(button.key)}
              >
                {t(button.label)}
              </Button>
            ))}
          </div>
        ) : null}
      </div>
      {loading ? (
        <div className="verify-loading">
          <Spin size="small" />
          <span className="visually-hidden">{t('common.loading')}</span>
        </div>
      ) : (
        <>
          {enterprise ? null : <Returns count={handling?.returnCount ?? 0} returned={returned} />}
          {active ? (
            <ActiveAssignment assignment={active} handling={handling} />
          ) : (
            <p className="muted verify-empty">
              {enterprise || !handled
                ? t('handling.pending')
                : returned.length > 0
                  ? t('handling.reassign')
                  : t('handling.none')}
            </p>
          )}
          {!enterprise && replies.length > 0 ? (
            <Subsection title={t('handling.replies')} count={replies.length}>
              {replies.map((reply) => (
                <ReplyItem key={reply.id} reply={reply} />
              ))}
            </Subsection>
          ) : null}
          {!enterprise && extensions.length > 0 ? (
            <Subsection title={t('handling.extensions')} count={extensions.length}>
              {extensions.map((request) => (
                <ExtensionItem key={request.id} request={request} />
              ))}
            </Subsection>
          ) : null}
          {notes.length > 0 ? (
            <Subsection title={t('handling.notes')} count={notes.length}>
              {notes.map((note) => (
                <NoteItem key={note.id} note={note} />
              ))}
            </Subsection>
          ) : null}
        </>
      )}
      {show('accept') ? (
        <AcceptModal
          open={open === 'accept'}
          appeal={appeal}
          dueDate={active?.dueDate}
          acceptDueDate={active?.acceptDueDate}
          onClose={close}
        />
      ) : null}
      {show('return') ? (
        <TextActionModal
          open={open === 'return'}
          appeal={appeal}
          onClose={close}
          title={t('returnForm.title', { number: appeal.number })}
          label={t('returnForm.reason')}
          help={t('returnForm.reason.help')}
          notice={t('returnForm.notice')}
          okText={t('action.returnAssignment')}
          danger
          min={4}
          max={2000}
          send={(reason, version) =>
            unwrap(
              api.POST('/api/appeals/{id}/return', {
                params: { path: { id: appeal.id } },
                body: { reason, version },
              }),
            )
          }
          done={t('returnForm.done')}
        />
      ) : null}
      {show('progress') || show('contact') ? (
        <ProgressModal
          open={open === 'progress' || open === 'contact'}
          kind={open === 'contact' ? 'contact' : 'progress'}
          appeal={appeal}
          onClose={close}
        />
      ) : null}
      {show('coInput') ? (
        <TextActionModal
          open={open === 'coInput'}
          appeal={appeal}
          onClose={close}
          title={t('coInputForm.title', { number: appeal.number })}
          label={t('coInputForm.content')}
          help={t('coInputForm.content.help')}
          okText={t('coInputForm.submit')}
          min={2}
          max={5000}
          send={(content) =>
            unwrap(
              api.POST('/api/appeals/{id}/co-input', {
                params: { path: { id: appeal.id } },
                body: { content },
              }),
            )
          }
          done={t('coInputForm.done')}
        />
      ) : null}
      {show('extension') ? (
        <ExtensionModal
          open={open === 'extension'}
          appeal={appeal}
          dueDate={active?.dueDate}
          onClose={close}
        />
      ) : null}
      {show('decide') ? (
        <DecideExtensionModal
          open={open === 'decide'}
          appeal={appeal}
          request={pendingExtension}
          onClose={close}
        />
      ) : null}
      {show('report') ? (
        <ReportDrawer
          open={open === 'report'}
          appeal={appeal}
          sentBack={lastSentBack}
          coInputs={notes.filter((note) => note.kind === 'coInput')}
          onClose={close}
        />
      ) : null}
      {show('close') ? (
        <CloseModal open={open === 'close'} appeal={appeal} reply={pendingReply} onClose={close} />
      ) : null}
      {show('sendBack') ? (
        <TextActionModal
          open={open === 'sendBack'}
          appeal={appeal}
          onClose={close}
          title={t('sendBackForm.title', { number: appeal.number })}
          label={t('sendBackForm.reason')}
          help={t('sendBackForm.reason.help')}
          notice={t('sendBackForm.notice')}
          okText={t('action.sendBack')}
          danger
          min={4}
          max={2000}
          send={(reason, version) =>
            unwrap(
              api.POST('/api/appeals/{id}/send-back', {
                params: { path: { id: appeal.id } },
                body: { reason, version },
              }),
            )
          }
          done={t('sendBackForm.done')}
        />
      ) : null}
    </Card>
  );
}
