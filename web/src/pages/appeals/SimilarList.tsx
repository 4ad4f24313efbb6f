import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Empty, Spin, Tag } from 'antd';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client.ts';
import { keys } from '../../api/queries.ts';
import type { SimilarAppeal } from '../../api/types.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useDebounced } from '../enterprises/enterpriseUi.tsx';
import { formatDate, useCategoryName } from './appealUi.tsx';

interface Draft {
  enterpriseId?: string | undefined;
  title?: string | undefined;
  content?: string | undefined;
}

/** Enough text to compare: below this the answer would be noise. */
const MIN_DRAFT_CHARACTERS = 4;

/**
 * Similar appeals to a draft being typed, asked once the typing pauses
 * (POST /api/appeals/similar-preview).
 */
export function useSimilarPreview(draft: Draft) {
  // Debounced as text: a fresh object each render would never settle.
  const text = JSON.stringify({
    enterpriseId: draft.enterpriseId || undefined,
    title: draft.title?.trim() ?? '',
    content: draft.content?.trim() ?? '',
  });
  const settled = JSON.parse(useDebounced(text, 600)) as {
    enterpriseId?: string;
    title: string;
    content: string;
  };
  const enough = settled.title.length + settled.content.length >= MIN_DRAFT_CHARACTERS;
  const query = useQuery({
    queryKey: [...keys.appeals, 'similar-preview', settled],
    queryFn: () =>
      unwrap(
        api.POST('/api/appeals/similar-preview', {
          body: {
            enterpriseId: settled.enterpriseId,
            title: settled.title.slice(0, 100),
            content: settled.content.slice(0, 5000),
          },
        }),
      ),
    enabled: enough,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  return { ...query, enough };
}

interface ListProps {
  items: SimilarAppeal[] | undefined;
  loading?: boolean;
  /** Shown when nothing is similar. */
  emptyText: string;
  /** Open the appeals in a new tab (from a form being filled in, so that nothing typed is lost). */
  newTab?: boolean;
}

/** Similar appeals: score, shared terms, same-enterprise badge, and a link to each. */
export function SimilarList({ items, loading = false, emptyText, newTab = false }: ListProps) {
  const { t } = useI18n();
  const categoryName = useCategoryName();
  if (!items) {
    return loading ? (
      <div className="similar-loading">
        <Spin size="small" />
        <span className="muted">{t('common.loading')}</span>
      </div>
    ) : null;
  }
  if (items.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} />;
  }
  return (
    <ul className="similar-list" aria-busy={loading}>
      {items.map((item) => (
        <li key={item.appeal.id} className="similar-item">
          <div className="similar-head">
            <Link
              to={`/appeals/${item.appeal.id}`}
              className="similar-title"
              {...(newTab ? { target: '_blank', rel: 'noopener' } : {})}
            >
              {item.appeal.title}
            </Link>
            <span className="similar-score">
              {t('similar.score', { percent: Math.round(item.score * 100) })}
            </span>
          </div>
          <div className="similar-meta muted">
            <span>{item.appeal.number}</span>
            <span>{item.appeal.enterpriseName}</span>
            <span>{categoryName(item.appeal.category)}</span>
            <span>{formatDate(item.appeal.submittedAt)}</span>
          </div>
          <div className="similar-tags">
            {item.sameEnterprise ? (
              <Tag className="same-enterprise-tag">{t('similar.sameEnterprise')}</Tag>
            ) : null}
            {item.appeal.commonIssueId ? <Tag className="grouped-tag">{t('appeal.grouped')}</Tag> : null}
            {item.sharedTerms.length > 0 ? (
              <span className="similar-terms">
                <span className="muted">{t('similar.sharedTerms')}</span>
                {item.sharedTerms.map((term) => (
                  <Tag key={term} className="term-tag">
                    {term}
                  </Tag>
                ))}
              </span>
            ) : null}
          </div>
        </li>
      ))}
    </ul>
  );
}
