import {
  type AppealChannel,
  type AppealStatus,
  appealChannelLabels,
  appealChannels,
  appealStatusLabels,
} from '@f2f/contract';
import { Select, type SelectProps, Tag } from 'antd';
import dayjs from 'dayjs';
import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import { useCategories } from '../../api/queries.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';

type StringSelectProps = Omit<SelectProps<string>, 'options' | 'mode'>;

export function formatDateTime(at: string): string {
  return dayjs(at).format('YYYY-MM-DD HH:mm');
}

export function formatDate(at: string): string {
  return dayjs(at).format('YYYY-MM-DD');
}

/** The name of a category code in the interface language (the code itself when unknown). */
export function useCategoryName(): (code: string) => string {
  const { locale } = useI18n();
  const categories = useCategories(true);
  const data = categories.data;
  return useCallback(
    (code: string) => {
      const category = data?.find((item) => item.code === code);
      if (!category) return code;
      return locale === 'en' ? category.nameEn : category.nameZh;
    },
    [data, locale],
  );
}

/** Active categories; value is the category code. */
export function CategorySelect(props: StringSelectProps) {
  const { locale } = useI18n();
  const categories = useCategories();
  const options = (categories.data ?? [])
    .filter((category) => category.active)
    .map((category) => ({
      value: category.code,
      label: locale === 'en' ? category.nameEn : category.nameZh,
    }));
  return (
    <Select<string>
      loading={categories.isLoading}
      showSearch={{ optionFilterProp: 'label' }}
      options={options}
      {...props}
    />
  );
}

/** Appeal channels, optionally only some of them. */
export function ChannelSelect({
  channels = appealChannels,
  ...props
}: Omit<SelectProps<AppealChannel>, 'options' | 'mode'> & { channels?: readonly AppealChannel[] }) {
  const { label } = useI18n();
  return (
    <Select<AppealChannel>
      options={channels.map((channel) => ({ value: channel, label: label(appealChannelLabels[channel]) }))}
      popupMatchSelectWidth={false}
      {...props}
    />
  );
}

export function AppealStatusTag({ status }: { status: AppealStatus }) {
  const { label } = useI18n();
  return <Tag className={`appeal-status appeal-status-${status}`}>{label(appealStatusLabels[status])}</Tag>;
}

export function useChannelName(): (channel: AppealChannel) => string {
  const { label } = useI18n();
  return useCallback((channel: AppealChannel) => label(appealChannelLabels[channel]), [label]);
}

/**
 * Goes back to the page before, or to `fallback` when this page was opened directly (a link from
 * elsewhere, a new tab), where "back" would leave the application.
 */
export function useBack(fallback: string): () => void {
  const navigate = useNavigate();
  return useCallback(() => {
    const index = (window.history.state as { idx?: number } | null)?.idx ?? 0;
    if (index > 0) navigate(-1);
    else navigate(fallback);
  }, [navigate, fallback]);
}
