import { CheckOutlined, CloseOutlined, EditOutlined, PhoneOutlined, RedoOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Popconfirm, Spin, Tag, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import type { AppealDetail } from '../../api/types.ts';
import { useSession } from '../../auth/session.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { formatDateTime } from '../appeals/appealUi.tsx';
import { UnitRoleTag, useContactWayName } from '../handling/handlingUi.tsx';
import { todayIso } from '../verification/verificationUi.tsx';
import { ExplainModal } from './ExplainModal.tsx';
import { FollowUpModal } from './FollowUpModal.tsx';
import { RateCard } from './RateCard.tsx';
import { ReopenModal } from './ReopenModal.tsx';
import { type FollowUp, type Rating, useAppealRatings, useRatingsAction } from './ratingsApi.ts';
import { RatingStatusTag, RatingValueTag, useReasonName } from './ratingsUi.tsx';
import './ratings.css';

/** Statuses after which ratings may exist: closed, or handled again after a reopening. */
const RATED = ['assigned', 'inProgress', 'completionReported', 'closed'] as const;

const explanationKeys: Record<NonNullable<Rating['explanationStatus']>, MessageKey> = {
  pending: 'ratings.explanation.pending',
  approved: 'ratings.explanation.approved',
  refused: 'ratings.explanation.refused',
};

type Form = 'reopen' | 'explain' | 'followUp';

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

/** A leader's 同意 / 不同意 of the office's explanation. */
function DecideButtons({ appealId, rating }: { appealId: string; rating: Rating }) {
  const { t } = useI18n();
  const mutation = useRatingsAction<boolean>({
    appealId,
    send: (approve) =>
      unwrap(
        api.POST('/api/appeals/{id}/ratings/{ratingId}/explanation/decide', {
          params: { path: { id: appealId, ratingId: rating.id } },
          body: { approve },
        }),
      ),
    done: (approve) => (approve ? t('ratings.approved') : t('ratings.refused')),
  });
  return (
    <div className="verify-actions rating-actions">
      <Popconfirm
        title={t('ratings.approve.confirm', { unit: rating.unitName })}
        okText={t('common.confirm')}
        cancelText={t('common.cancel')}
        onConfirm={() => mutation.mutateAsync(true).catch(() => undefined)}
      >
        <Button type="primary" icon={<CheckOutlined />} loading={mutation.isPending && mutation.variables}>
          {t('ratings.approve')}
        </Button>
      </Popconfirm>
      <Popconfirm
        title={t('ratings.refuse.confirm')}
        okText={t('common.confirm')}
        cancelText={t('common.cancel')}
        onConfirm={() => mutation.mutateAsync(false).catch(() => undefined)}
      >
        <Button danger icon={<CloseOutlined />} loading={mutation.isPending && !mutation.variables}>
          {t('ratings.refuse')}
        </Button>
      </Popconfirm>
    </div>
  );
}

interface ItemProps {
  appealId: string;
  rating: Rating;
  /** The office's and leaders' view: the decision on a dissatisfied rating. */
  internal: boolean;
  allowed: ReadonlySet<string>;
  onOpen: (form: 'reopen' | 'explain', rating: Rating) => void;
}

function RatingItem({ appealId, rating, internal, allowed, onOpen }: ItemProps) {
  const { t } = useI18n();
  const reasonName = useReasonName();
  const undecided = rating.value === 'dissatisfied' && rating.decision === null;
  return (
    <li className={`verify-item rating-item rating-item-${rating.value ?? rating.status}`}>
      <div className="verify-item-head">
        <span className="cell-strong">{rating.unitName}</span>
        <UnitRoleTag role={rating.role} />
        {rating.value ? <RatingValueTag value={rating.value} /> : <RatingStatusTag status={rating.status} />}
        {rating.round > 0 ? (
          <span className="muted">{t('ratings.round', { round: rating.round })}</span>
        ) : null}
      </div>
      {rating.reason ? (
        <div className="verify-text">{t('ratings.reasonLine', { text: reasonName(rating.reason) })}</div>
      ) : null}
      {rating.comment ? (
        <div className="verify-text">{t('ratings.commentLine', { text: rating.comment })}</div>
      ) : null}
      {rating.ratedAt ? (
        <div className="muted verify-meta">
          {t('ratings.ratedAt', { at: formatDateTime(rating.ratedAt) })}
        </div>
      ) : rating.status === 'requested' ? (
        <div className="muted verify-meta">{t('ratings.dueDate', { date: rating.dueDate })}</div>
      ) : null}
      {internal && rating.decision === 'reopen' ? (
        <div className="rating-decision">
          <Tag className="rating-reopened">{t('ratings.reopened')}</Tag>
        </div>
      ) : null}
      {internal && rating.explanation ? (
        <div className="review-note rating-explanation">
          <span className="cell-strong">{t('ratings.explanation')}</span>
          <span className="verify-text">{rating.explanation}</span>
          {rating.explanationStatus ? (
            <div className={`rating-explanation-${rating.explanationStatus}`}>
              {t(explanationKeys[rating.explanationStatus])}
            </div>
          ) : null}
        </div>
      ) : null}
      {internal && undecided ? <div className="muted verify-meta">{t('ratings.undecided')}</div> : null}
      {undecided && (allowed.has('reopen') || allowed.has('explainDissatisfaction')) ? (
        <div className="verify-actions rating-actions">
          {allowed.has('reopen') ? (
            <Button type="primary" icon={<RedoOutlined />} onClick={() => onOpen('reopen', rating)}>
              {t('ratings.reopen')}
            </Button>
          ) : null}
          {allowed.has('explainDissatisfaction') ? (
            <Button icon={<EditOutlined />} onClick={() => onOpen('explain', rating)}>
              {t('ratings.explain')}
            </Button>
          ) : null}
        </div>
      ) : null}
      {rating.explanationStatus === 'pending' && allowed.has('approveExplanation') ? (
        <DecideButtons appealId={appealId} rating={rating} />
      ) : null}
    </li>
  );
}

function FollowUpItem({ followUp }: { followUp: FollowUp }) {
  const { t } = useI18n();
  const wayName = useContactWayName();
  return (
    <li className="verify-item follow-up-item">
      <div className="verify-item-head">
        <span className="cell-strong">
          {t('followUps.line', { date: followUp.date, way: wayName(followUp.way) })}
        </span>
      </div>
      <div className="verify-text">{followUp.outcome}</div>
      <div className="muted verify-meta">
        {t('followUps.by', {
          name: followUp.recordedByName ?? t('common.none'),
          at: formatDateTime(followUp.recordedAt),
        })}
      </div>
    </li>
  );
}

/**
 * 评价与回访: after closure the enterprise rates each handling unit (a card per unit awaiting its
 * rating); the office reopens or explains a dissatisfied rating, a leader decides on the explanation;
 * the office's follow-up visits. Buttons only for the actions allowed now.
 */
export function RatingsSection({ appeal }: { appeal: AppealDetail }) {
  const { t } = useI18n();
  const { roles } = useSession();
  const [open, setOpen] = useState<Form | null>(null);
  // The rating of the reopen or explain form; kept while the form closes.
  const [target, setTarget] = useState<Rating | undefined>(undefined);
  const enterprise = roles.includes('enterprise');
  const enabled = (RATED as readonly string[]).includes(appeal.status);
  const query = useAppealRatings(appeal.id, enabled);
  const allowed = new Set<string>(appeal.allowedActions);
  const data = query.data;
  const ratings = data?.ratings ?? [];
  const followUps = data?.followUps ?? [];

  if (!enabled) return null;
  if (appeal.status !== 'closed' && ratings.length === 0 && followUps.length === 0) return null;

  const today = todayIso();
  const toRate = allowed.has('rate')
    ? ratings.filter((rating) => rating.status === 'requested' && rating.dueDate >= today)
    : [];
  const shown = ratings.filter(
    (rating) => !toRate.includes(rating) && (!enterprise || rating.status === 'given'),
  );
  const close = () => setOpen(null);
  const showRound = !enterprise && data !== undefined && (data.reopenRound > 0 || allowed.has('reopen'));

  return (
    <Card className="section-card ratings-section">
      <div className="section-head">
        <Typography.Title level={2} className="section-title">
          {t('ratings.title')}
        </Typography.Title>
        {showRound || allowed.has('recordFollowUp') ? (
          <div className="verify-actions">
            {showRound && data ? (
              <Tag className="reopen-round">
                {t('ratings.reopenRound', { round: data.reopenRound, cap: data.reopenCap })}
              </Tag>
            ) : null}
            {allowed.has('recordFollowUp') ? (
              <Button icon={<PhoneOutlined />} onClick={() => setOpen('followUp')}>
                {t('followUps.record')}
              </Button>
            ) : null}
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
          {toRate.length > 0 ? (
            <>
              <Alert className="form-alert" type="info" showIcon title={t('ratings.rateHint')} />
              <ul className="rating-cards">
                {toRate.map((rating) => (
                  <RateCard key={rating.id} appealId={appeal.id} rating={rating} />
                ))}
              </ul>
            </>
          ) : null}
          {shown.length > 0 ? (
            <ul className="verify-list">
              {shown.map((rating) => (
                <RatingItem
                  key={rating.id}
                  appealId={appeal.id}
                  rating={rating}
                  internal={!enterprise}
                  allowed={allowed}
                  onOpen={(form, chosen) => {
                    setTarget(chosen);
                    setOpen(form);
                  }}
                />
              ))}
            </ul>
          ) : null}
          {toRate.length === 0 && shown.length === 0 ? (
            <p className="muted verify-empty">{t('ratings.empty')}</p>
          ) : null}
          {followUps.length > 0 ? (
            <Subsection title={t('followUps.title')} count={followUps.length}>
              {followUps.map((followUp) => (
                <FollowUpItem key={followUp.id} followUp={followUp} />
              ))}
            </Subsection>
          ) : null}
        </>
      )}
      {open === 'reopen' || allowed.has('reopen') ? (
        <ReopenModal
          open={open === 'reopen'}
          appeal={appeal}
          rating={target}
          round={data?.reopenRound ?? 0}
          cap={data?.reopenCap ?? 0}
          onClose={close}
        />
      ) : null}
      {open === 'explain' || allowed.has('explainDissatisfaction') ? (
        <ExplainModal open={open === 'explain'} appealId={appeal.id} rating={target} onClose={close} />
      ) : null}
      {open === 'followUp' || allowed.has('recordFollowUp') ? (
        <FollowUpModal open={open === 'followUp'} appeal={appeal} onClose={close} />
      ) : null}
    </Card>
  );
}
