import {
  type EnterpriseFlag,
  type EnterpriseScale,
  type EnterpriseTag,
  enterpriseScaleLabels,
  enterpriseScales,
  enterpriseTagLabels,
  enterpriseTags,
} from '@f2f/contract';
import { useQuery } from '@tanstack/react-query';
import { Select, type SelectProps, Tag } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { keys } from '../../api/queries.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';

/** A scale or a tag, grouped, as the register and the pool filter by. */
export function FlagSelect(props: Omit<SelectProps<EnterpriseFlag>, 'options' | 'mode'>) {
  const { t, label } = useI18n();
  return (
    <Select<EnterpriseFlag>
      options={[
        {
          label: t('enterprise.scale'),
          title: t('enterprise.scale'),
          options: enterpriseScales.map((value) => ({ value, label: label(enterpriseScaleLabels[value]) })),
        },
        {
          label: t('enterprise.tags'),
          title: t('enterprise.tags'),
          options: enterpriseTags.map((value) => ({ value, label: label(enterpriseTagLabels[value]) })),
        },
      ]}
      popupMatchSelectWidth={false}
      {...props}
    />
  );
}

/** Scale and tags of an enterprise as tags. */
export function EnterpriseFlags({
  scale,
  tags,
}: {
  scale: EnterpriseScale | null;
  tags: readonly EnterpriseTag[];
}) {
  const { label } = useI18n();
  return (
    <span className="flag-tags">
      {scale ? <Tag className="scale-tag">{label(enterpriseScaleLabels[scale])}</Tag> : null}
      {tags.map((tag) => (
        <Tag key={tag} className="enterprise-tag">
          {label(enterpriseTagLabels[tag])}
        </Tag>
      ))}
    </span>
  );
}

/** The value after it has stopped changing for `delay` ms. */
export function useDebounced<T>(value: T, delay = 400): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), delay);
    return () => window.clearTimeout(timer);
  }, [value, delay]);
  return settled;
}

type PickerProps = Omit<SelectProps<string>, 'options' | 'mode' | 'showSearch'> & {
  /** Names the current value before any search (e.g. an enterprise just registered). */
  initialLabel?: string | null;
};

/** An enterprise of the register, found by name or credit code (GET /api/enterprises?q=). */
export function EnterprisePicker({ initialLabel, ...props }: PickerProps) {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const found = useQuery({
    queryKey: [...keys.enterprises, 'pick', q],
    queryFn: () =>
      unwrap(api.GET('/api/enterprises', { params: { query: { q: q || undefined, pageSize: 20 } } })),
    staleTime: 30_000,
  });
  const options = (found.data?.items ?? []).map((enterprise) => ({
    value: enterprise.id,
    label: `${enterprise.name}（${enterprise.regionName}）`,
    title: enterprise.creditCode,
  }));
  // Labels of enterprises seen in earlier searches, so that a chosen one keeps its name.
  const known = useRef(new Map<string, string>());
  for (const option of options) known.current.set(option.value, option.label);
  const value = props.value;
  if (value && !options.some((option) => option.value === value)) {
    const name = known.current.get(value) ?? initialLabel;
    if (name) options.unshift({ value, label: name, title: '' });
  }
  return (
    <Select<string>
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={found.isFetching}
      options={options}
      notFoundContent={found.isFetching ? t('common.loading') : t('enterprise.picker.none')}
      placeholder={t('enterprise.picker.placeholder')}
      popupMatchSelectWidth={false}
      {...props}
    />
  );
}
