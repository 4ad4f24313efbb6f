import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { levelMoveDirectionLabels } from '@f2f/contract';
import { Alert, Button, Card, Space, Typography } from 'antd';
import { useState } from 'react';
import type { AppealDetail } from '../../api/types.ts';
import { useAtCity, useSession } from '../../auth/session.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDateTime } from '../appeals/appealUi.tsx';
import { EscalateModal, HandDownModal } from './LevelModals.tsx';
import { useAppealLevels } from './levelsApi.ts';
import './levels.css';

/** GET /api/appeals/:id/levels is the office's and oversight's. */
const LEVEL_READERS = ['taskForceOffice', 'leader', 'governmentOffice', 'supervisionOffice'] as const;

/**
 * 办理层级: which level's office runs the appeal now, its moves between county and city, and the
 * 上报市级 / 交县区办理 buttons when the server allows them.
 */
export function LevelSection({ appeal }: { appeal: AppealDetail }) {
  const { t, label } = useI18n();
  const { roles, session } = useSession();
  const atCity = useAtCity();
  const reader = roles.some((r) => (LEVEL_READERS as readonly string[]).includes(r));
  const levels = useAppealLevels(appeal.id, reader);
  const [form, setForm] = useState<'escalate' | 'handDown' | null>(null);
  const allowed = new Set(appeal.allowedActions);
  if (!reader) return null;

  const moves = levels.data?.moves ?? [];
  const myRegion = session?.person.regionId;
  // A county office reading an appeal another level handles now: it may look, not act.
  const elsewhere =
    roles.includes('taskForceOffice') &&
    atCity === false &&
    myRegion !== undefined &&
    myRegion !== appeal.handlingRegionId;

  return (
    <Card className="section-card">
      <div className="section-head">
        <Typography.Title level={2} className="section-title">
          {t('levels.title')}
        </Typography.Title>
        <Space wrap>
          {allowed.has('escalate') ? (
            <Button icon={<ArrowUpOutlined />} onClick={() => setForm('escalate')}>
              {t('levels.escalate')}
            </Button>
          ) : null}
          {allowed.has('handDown') ? (
            <Button icon={<ArrowDownOutlined />} onClick={() => setForm('handDown')}>
              {t('levels.handDown')}
            </Button>
          ) : null}
        </Space>
      </div>
      <p className="level-current">{t('levels.current', { name: appeal.handlingRegionName })}</p>
      {elsewhere ? (
        <Alert
          className="form-alert"
          type="info"
          showIcon
          title={t('levels.readOnly', { name: appeal.handlingRegionName })}
        />
      ) : null}
      {moves.length === 0 ? (
        <p className="muted">{t('levels.none')}</p>
      ) : (
        <ol className="level-moves">
          {moves.map((move) => (
            <li key={move.id} className="level-move">
              <div>
                <strong>{label(levelMoveDirectionLabels[move.direction])}</strong>{' '}
                {t('levels.fromTo', { from: move.fromRegionName, to: move.toRegionName })}
              </div>
              <div className="pre-wrap">{t('levels.reasonLine', { reason: move.reason })}</div>
              <div className="muted cell-small">
                {move.movedByName ? `${move.movedByName} · ` : ''}
                <time dateTime={move.movedAt}>{formatDateTime(move.movedAt)}</time>
              </div>
            </li>
          ))}
        </ol>
      )}
      {allowed.has('escalate') ? (
        <EscalateModal open={form === 'escalate'} appeal={appeal} onClose={() => setForm(null)} />
      ) : null}
      {allowed.has('handDown') ? (
        <HandDownModal
          open={form === 'handDown'}
          appeal={appeal}
          targets={levels.data?.handDownTargets ?? []}
          onClose={() => setForm(null)}
        />
      ) : null}
    </Card>
  );
}
