import { Link } from 'react-router';
import { useSession } from '../../auth/session.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { canOpen, routeOf } from '../../routes.tsx';
import { useCategoryName } from '../appeals/appealUi.tsx';
import type { CatalogueItem } from './eventTypes.ts';
import { useTierName } from './eventUi.tsx';

/** The appeal's number, linked to its page when I may open it, and its title. */
export function ItemHeading({ item, index }: { item: CatalogueItem; index?: number }) {
  const { roles } = useSession();
  const route = routeOf('/appeals/:id');
  const mayOpen = route ? canOpen(route, roles) : false;
  return (
    <span className="item-heading">
      {index !== undefined ? <span className="item-index">{index + 1}.</span> : null}
      {mayOpen ? (
        <Link to={`/appeals/${item.appealId}`} className="nowrap">
          {item.appealNumber}
        </Link>
      ) : (
        <span className="nowrap">{item.appealNumber}</span>
      )}
      <span className="cell-strong item-title">{item.appealTitle}</span>
    </span>
  );
}

/**
 * An item's dossier (卷宗): what the enterprise asked, the office's assessment and tier, the units'
 * verification opinions, and what the office proposes.
 */
export function Dossier({ item }: { item: CatalogueItem }) {
  const { t } = useI18n();
  const tierName = useTierName();
  const categoryName = useCategoryName();
  return (
    <dl className="dossier">
      <div className="dossier-row">
        <dt>{t('event.item.enterprise')}</dt>
        <dd>{item.enterpriseName}</dd>
      </div>
      <div className="dossier-row">
        <dt>{t('event.item.category')}</dt>
        <dd>
          {categoryName(item.category)}
          {item.tierCode ? ` · ${tierName(item.tierCode)}` : ''}
        </dd>
      </div>
      <div className="dossier-row dossier-wide">
        <dt>{t('event.item.content')}</dt>
        <dd className="pre-wrap">{item.appealContent}</dd>
      </div>
      <div className="dossier-row dossier-wide">
        <dt>{t('event.item.assessment')}</dt>
        <dd className="pre-wrap">{item.assessment ?? t('event.item.noAssessment')}</dd>
      </div>
      <div className="dossier-row dossier-wide">
        <dt>{t('event.item.opinions')}</dt>
        <dd>
          {item.verificationOpinions.length === 0 ? (
            t('event.item.noOpinions')
          ) : (
            <ul className="opinion-list">
              {item.verificationOpinions.map((opinion, index) => (
                // Opinions have no id; a unit may answer twice, so the position keeps them apart.
                // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list, never reordered
                <li key={index}>
                  <span className="cell-strong">{opinion.unitName}：</span>
                  <span className="pre-wrap">{opinion.answer}</span>
                </li>
              ))}
            </ul>
          )}
        </dd>
      </div>
      <div className="dossier-row dossier-wide">
        <dt>{t('event.item.proposedHandling')}</dt>
        <dd className="pre-wrap">{item.proposedHandling}</dd>
      </div>
      <div className="dossier-row dossier-wide">
        <dt>{t('event.item.units')}</dt>
        <dd>{item.unitNames.join('、')}</dd>
      </div>
      {item.proposal ? (
        <div className="dossier-row dossier-wide">
          <dt>{t('event.item.proposal')}</dt>
          <dd className="pre-wrap">{item.proposal}</dd>
        </div>
      ) : null}
    </dl>
  );
}
