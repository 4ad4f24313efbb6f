import {
  AuditOutlined,
  CheckCircleOutlined,
  CloseCircleOutlined,
  QuestionCircleOutlined,
  SendOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { type AppealAction, type Role, tierRouteLabels } from '@f2f/contract';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Spin, Tag, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { keys } from '../../api/queries.ts';
import type {
  AppealDetail,
  AppealVerification,
  Assignment,
  Consultation,
  VerificationRequest,
} from '../../api/types.ts';
import { useSession } from '../../auth/session.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDateTime } from '../appeals/appealUi.tsx';
import { AnswerForm } from './AnswerForm.tsx';
import { AssessModal } from './AssessModal.tsx';
import { AssignDrawer } from './AssignDrawer.tsx';
import { ConsultationDrawer } from './ConsultationDrawer.tsx';
import { HandleDirectlyModal } from './HandleDirectlyModal.tsx';
import { RejectModal } from './RejectModal.tsx';
import { RequestVerificationModal } from './RequestVerificationModal.tsx';
import { RequestDue, RequestStatusTag, TierRouteTag, useTier, useTierName } from './verificationUi.tsx';
import './verification.css';

/** The office and those who oversee it read the office's working notes (assessment, proposal). */
const OVERSIGHT: readonly Role[] = ['taskForceOffice', 'leader', 'governmentOffice', 'supervisionOffice'];

/** The workflow actions of this section, in the order their buttons appear. */
const ACTIONS = [
  'requestVerification',
  'assess',
  'recordConsultation',
  'handleDirectly',
  'assign',
  'reject',
] as const satisfies readonly AppealAction[];
type Action = (typeof ACTIONS)[number];

const actionIcons: Record<Action, ReactNode> = {
  requestVerification: <QuestionCircleOutlined />,
  assess: <AuditOutlined />,
  recordConsultation: <TeamOutlined />,
  handleDirectly: <CheckCircleOutlined />,
  assign: <SendOutlined />,
  reject: <CloseCircleOutlined />,
};

/** The decision the enterprise must see first: not accepted, and why. */
export function NotAcceptedNotice({ appeal }: { appeal: AppealDetail }) {
  const { t } = useI18n();
  if (appeal.status !== 'notAccepted') return null;
  return (
    <Alert
      type="error"
      showIcon
      className="decision-alert"
      title={t('verify.notAccepted.title')}
      description={appeal.decisionReason ? <div className="pre-wrap">{appeal.decisionReason}</div> : null}
    />
  );
}

function TierLine({ code }: { code: string | null }) {
  const { t, label } = useI18n();
  const tierName = useTierName();
  const tier = useTier(code);
  if (!code) return <span className="muted">{t('verify.tier.none')}</span>;
  return (
    <span className="tier-line">
      <span className="cell-strong">{tierName(code)}</span>
      {/* The route, unless the tier is named after it. */}
      {tier && label(tierRouteLabels[tier.route]) !== tierName(code) ? (
        <TierRouteTag route={tier.route} />
      ) : null}
      {tier ? (
        <span className="muted">{t('verify.tier.days', { days: tier.deadlineWorkingDays })}</span>
      ) : null}
    </span>
  );
}

function RequestItem({ request, mayAnswer }: { request: VerificationRequest; mayAnswer: boolean }) {
  const { t } = useI18n();
  return (
    <li
      className={
        request.overdue ? 'verify-item request-item request-item-overdue' : 'verify-item request-item'
      }
    >
      <div className="verify-item-head">
        <span className="cell-strong">{request.unitName}</span>
        <RequestStatusTag status={request.status} />
        <RequestDue request={request} />
      </div>
      <div className="verify-text">
        <span className="muted">{t('request.questionLabel')}</span>
        {request.question}
      </div>
      <div className="muted verify-meta">
        {t('request.requestedBy', {
          name: request.requestedByName ?? t('common.none'),
          at: formatDateTime(request.requestedAt),
        })}
      </div>
      {request.answer ? (
        <div className="request-answer">
          <div className="request-answer-label">{t('request.answer')}</div>
          <div className="verify-text">{request.answer}</div>
          {request.answeredAt ? (
            <div className="muted verify-meta">
              {t('request.answeredBy', {
                name: request.answeredByName ?? t('common.none'),
                at: formatDateTime(request.answeredAt),
              })}
            </div>
          ) : null}
        </div>
      ) : null}
      {mayAnswer && request.status === 'open' ? <AnswerForm request={request} /> : null}
    </li>
  );
}

function ConsultationItem({ consultation }: { consultation: Consultation }) {
  const { t } = useI18n();
  return (
    <li className="verify-item">
      <div className="verify-item-head">
        <span className="cell-strong">{consultation.date}</span>
        <span className="unit-tags">
          {consultation.units.map((unit) => (
            <Tag key={unit.id} className="unit-tag">
              {unit.name}
            </Tag>
          ))}
        </span>
      </div>
      {consultation.statements.length > 0 ? (
        <dl className="statement-list">
          {consultation.statements.map((statement) => (
            <div key={statement.unitId} className="statement">
              <dt>{statement.unitName}</dt>
              <dd>{statement.statement}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      <div className="verify-text">
        <span className="muted">{t('consult.conclusionLabel')}</span>
        {consultation.conclusion}
      </div>
      <div className="muted verify-meta">
        {t('consult.recordedBy', {
          name: consultation.recordedByName ?? t('common.none'),
          at: formatDateTime(consultation.recordedAt),
        })}
      </div>
    </li>
  );
}

function AssignmentItem({ assignment }: { assignment: Assignment }) {
  const { t } = useI18n();
  return (
    <li className="verify-item">
      <dl className="fact-list">
        <div>
          <dt>{t('assign.lead')}</dt>
          <dd className="cell-strong">{assignment.leadUnitName}</dd>
        </div>
        <div>
          <dt>{t('assign.co')}</dt>
          <dd>
            {assignment.coUnits.length > 0
              ? assignment.coUnits.map((unit) => unit.name).join('、')
              : t('common.none')}
          </dd>
        </div>
        <div>
          <dt>{t('assign.dueDate')}</dt>
          <dd>{assignment.dueDate}</dd>
        </div>
        <div className="fact-wide">
          <dt>{t('assign.measures')}</dt>
          <dd className="verify-text">{assignment.measures}</dd>
        </div>
      </dl>
      <div className="muted verify-meta">
        {t('assign.assignedBy', {
          name: assignment.assignedByName ?? t('common.none'),
          at: formatDateTime(assignment.assignedAt),
        })}
      </div>
    </li>
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

/** 核实与交办: tier, assessment, verification requests, consultations, assignments, and the office's actions. */
export function VerificationSection({ appeal }: { appeal: AppealDetail }) {
  const { t, locale } = useI18n();
  const { session, roles } = useSession();
  const tierName = useTierName();
  const [open, setOpen] = useState<Action | null>(null);
  const allowed = new Set(appeal.allowedActions);
  const actions = ACTIONS.filter((action) => allowed.has(action));
  const oversight = roles.some((role) => OVERSIGHT.includes(role));
  const answerer = roles.includes('handler') || roles.includes('unitLeader');
  const myUnitId = session?.person.unitId ?? null;

  const query = useQuery({
    queryKey: keys.appealVerification(appeal.id),
    queryFn: () => unwrap(api.GET('/api/appeals/{id}/verification', { params: { path: { id: appeal.id } } })),
  });
  const verification: AppealVerification | undefined = query.data;
  const close = () => setOpen(null);
  // A form stays mounted until it closes, even when its action is no longer allowed (just done).
  const show = (action: Action) => allowed.has(action) || open === action;

  const requests = verification?.requests ?? [];
  const consultations = verification?.consultations ?? [];
  const assignments = verification?.assignments ?? [];
  const proposal = verification?.proposal;
  const proposalReason = proposal ? (locale === 'en' ? proposal.reason.en : proposal.reason.zh) : '';
  const nothingYet =
    requests.length === 0 && consultations.length === 0 && assignments.length === 0 && !appeal.tierCode;

  return (
    <Card className="section-card">
      <div className="section-head">
        <Typography.Title level={2} className="section-title">
          {t('verify.title')}
        </Typography.Title>
        {actions.length > 0 ? (
          <div className="verify-actions">
            {actions.map((action) => (
              <Button
                key={action}
                icon={actionIcons[action]}
                type={action === 'assign' ? 'primary' : 'default'}
                danger={action === 'reject'}
                onClick={() => setOpen(action)}
              >
                {t(`action.${action}`)}
              </Button>
            ))}
          </div>
        ) : null}
      </div>
      {query.isLoading ? (
        <div className="verify-loading">
          <Spin size="small" />
          <span className="visually-hidden">{t('common.loading')}</span>
        </div>
      ) : (
        <>
          <dl className="fact-list verify-facts">
            <div>
              <dt>{t('appeal.tier')}</dt>
              <dd>
                <TierLine code={verification?.tierCode ?? appeal.tierCode} />
              </dd>
            </div>
            {oversight && proposalReason ? (
              <div>
                <dt>{t('verify.proposal')}</dt>
                <dd>
                  <span className="cell-strong">
                    {proposal?.tierCode ? tierName(proposal.tierCode) : t('verify.proposal.none')}
                  </span>
                  <div className="muted verify-meta">{proposalReason}</div>
                </dd>
              </div>
            ) : null}
            {oversight ? (
              <div className="fact-wide">
                <dt>{t('verify.assessment')}</dt>
                <dd className="verify-text">
                  {verification?.assessment ?? <span className="muted">{t('verify.assessment.none')}</span>}
                </dd>
              </div>
            ) : null}
          </dl>
          {requests.length > 0 ? (
            <Subsection title={t('verify.requests')} count={requests.length}>
              {requests.map((request) => (
                <RequestItem
                  key={request.id}
                  request={request}
                  mayAnswer={answerer && myUnitId === request.unitId}
                />
              ))}
            </Subsection>
          ) : null}
          {consultations.length > 0 ? (
            <Subsection title={t('verify.consultations')} count={consultations.length}>
              {consultations.map((consultation) => (
                <ConsultationItem key={consultation.id} consultation={consultation} />
              ))}
            </Subsection>
          ) : null}
          {assignments.length > 0 ? (
            <Subsection title={t('verify.assignments')} count={assignments.length}>
              {assignments.map((assignment) => (
                <AssignmentItem key={assignment.id} assignment={assignment} />
              ))}
            </Subsection>
          ) : null}
          {nothingYet ? (
            <p className="muted verify-empty">{oversight ? t('verify.empty') : t('verify.pending')}</p>
          ) : null}
        </>
      )}
      {show('requestVerification') ? (
        <RequestVerificationModal open={open === 'requestVerification'} appeal={appeal} onClose={close} />
      ) : null}
      {show('assess') ? (
        <AssessModal open={open === 'assess'} appeal={appeal} verification={verification} onClose={close} />
      ) : null}
      {show('recordConsultation') ? (
        <ConsultationDrawer open={open === 'recordConsultation'} appeal={appeal} onClose={close} />
      ) : null}
      {show('handleDirectly') ? (
        <HandleDirectlyModal
          open={open === 'handleDirectly'}
          appeal={appeal}
          verification={verification}
          onClose={close}
        />
      ) : null}
      {show('assign') ? (
        <AssignDrawer open={open === 'assign'} appeal={appeal} verification={verification} onClose={close} />
      ) : null}
      {show('reject') ? (
        <RejectModal
          open={open === 'reject'}
          appeal={appeal}
          openRequests={requests.filter((request) => request.status === 'open').length}
          onClose={close}
        />
      ) : null}
    </Card>
  );
}
