import { Tooltip } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../i18n/I18nProvider.tsx';

/** One headline figure: a count, a rate or an average, with its numerator and denominator for rates. */
export interface Kpi {
  key: string;
  title: string;
  /** How the figure is computed, shown on hover and focus. */
  help: string;
  value: string;
  unit?: string;
  ratio?: { numerator: number; denominator: number };
  href: string | null;
  /** Drawn in the warning colour when more than zero (overdue work). */
  alert?: boolean;
}

function KpiBody({ kpi }: { kpi: Kpi }) {
  const { t } = useI18n();
  return (
    <>
      <span className="kpi-title">{kpi.title}</span>
      <span className={kpi.alert ? 'kpi-value kpi-alert' : 'kpi-value'}>
        {kpi.value}
        {kpi.unit ? <span className="kpi-unit">{kpi.unit}</span> : null}
      </span>
      {kpi.ratio ? (
        <span className="kpi-ratio">
          <span className="visually-hidden">{t('dashboard.kpi.ratioLabel')}</span>
          {t('dashboard.kpi.ratio', kpi.ratio)}
        </span>
      ) : (
        <span className="kpi-ratio" aria-hidden="true">
          &nbsp;
        </span>
      )}
      <span className="visually-hidden">{kpi.help}</span>
    </>
  );
}

/** The headline figures, each a link to the appeals behind it when the pool can list them. */
export function KpiCards({ kpis }: { kpis: readonly Kpi[] }) {
  const { t } = useI18n();
  const card = (kpi: Kpi): ReactNode => {
    const tooltip = (
      <>
        <div>{kpi.help}</div>
        {kpi.ratio ? <div>{t('dashboard.kpi.ratio', kpi.ratio)}</div> : null}
      </>
    );
    return (
      <Tooltip title={tooltip} trigger={['hover', 'focus']}>
        {kpi.href ? (
          <Link to={kpi.href} className="kpi-card kpi-link" data-kpi={kpi.key}>
            <KpiBody kpi={kpi} />
          </Link>
        ) : (
          <div className="kpi-card" data-kpi={kpi.key}>
            <KpiBody kpi={kpi} />
          </div>
        )}
      </Tooltip>
    );
  };
  return (
    <ul className="kpi-grid">
      {kpis.map((kpi) => (
        <li key={kpi.key}>{card(kpi)}</li>
      ))}
    </ul>
  );
}
