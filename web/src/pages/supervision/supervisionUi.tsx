import { supervisionLevelLabels, supervisionWarningLabels } from '@f2f/contract';
import { Tag } from 'antd';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { SupervisionLevel, SupervisionWarning } from './supervisionApi.ts';

export const LEVELS: readonly SupervisionLevel[] = [
  'reminder',
  'urge',
  'supervisionNotice',
  'listedSupervision',
  'circular',
];

export function useLevelName(): (level: SupervisionLevel) => string {
  const { label } = useI18n();
  return (level) => label(supervisionLevelLabels[level]);
}

/** A warning as a yellow or red tag, its explanation as the title. */
export function WarningTag({ warning }: { warning: SupervisionWarning }) {
  const { label } = useI18n();
  return (
    <Tag className={`supervision-warning supervision-warning-${warning.level}`} title={warning.detail}>
      {label(supervisionWarningLabels[warning.kind])}
    </Tag>
  );
}

export function LevelTag({ level }: { level: SupervisionLevel }) {
  const levelName = useLevelName();
  return <Tag className={`supervision-level supervision-level-${level}`}>{levelName(level)}</Tag>;
}
