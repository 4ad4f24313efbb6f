import { DatePicker, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { RegionSelect } from '../../components/OrgSelects.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { activePreset, MONTH_FORMAT, type PeriodPreset, presetRange } from './period.ts';

/**
 * The period of a statistics page as two filter fields: a month range picker (the presets in its
 * panel too) and the presets as buttons. `idPrefix` names the fields: `<prefix>-from`, `<prefix>-to`
 * and `<prefix>-presets-label`.
 */
export function PeriodFilter<P extends PeriodPreset>({
  idPrefix,
  presets,
  presetLabel,
  from,
  to,
  onChange,
}: {
  idPrefix: string;
  presets: readonly P[];
  presetLabel: (preset: P) => string;
  from: string;
  to: string;
  onChange: (period: { from: string; to: string }) => void;
}) {
  const { t } = useI18n();
  const active = activePreset(presets, from, to);
  const pickerPresets = presets.map((preset) => {
    const [a, b] = presetRange(preset);
    return { label: presetLabel(preset), value: [dayjs(`${a}-01`), dayjs(`${b}-01`)] as [Dayjs, Dayjs] };
  });
  return (
    <>
      <div className="filter-field">
        <label htmlFor={`${idPrefix}-from`}>{t('dashboard.period')}</label>
        <label htmlFor={`${idPrefix}-to`} className="visually-hidden">
          {t('dashboard.period.to')}
        </label>
        <DatePicker.RangePicker
          picker="month"
          id={{ start: `${idPrefix}-from`, end: `${idPrefix}-to` }}
          allowClear={false}
          value={[dayjs(`${from}-01`), dayjs(`${to}-01`)]}
          presets={pickerPresets}
          placeholder={[t('dashboard.period.from'), t('dashboard.period.to')]}
          onChange={(values) => {
            const [a, b] = values ?? [];
            if (a && b) onChange({ from: a.format(MONTH_FORMAT), to: b.format(MONTH_FORMAT) });
          }}
        />
      </div>
      <div className="filter-field">
        <span id={`${idPrefix}-presets-label`} className="filter-label">
          {t('dashboard.presets')}
        </span>
        <Radio.Group
          aria-labelledby={`${idPrefix}-presets-label`}
          optionType="button"
          value={active ?? null}
          onChange={(event) => {
            const [a, b] = presetRange(event.target.value as P);
            onChange({ from: a, to: b });
          }}
          options={presets.map((preset) => ({ value: preset, label: presetLabel(preset) }))}
        />
      </div>
    </>
  );
}

/** The county (region) a city person chooses on a statistics page, all of them when none: `<prefix>-region`. */
export function RegionFilter({
  idPrefix,
  value,
  onChange,
}: {
  idPrefix: string;
  value: string | undefined;
  onChange: (regionId: string | undefined) => void;
}) {
  const { t } = useI18n();
  return (
    <div className="filter-field">
      <label htmlFor={`${idPrefix}-region`}>{t('dashboard.region')}</label>
      <RegionSelect
        id={`${idPrefix}-region`}
        allowClear
        placeholder={t('dashboard.region.all')}
        value={value}
        onChange={onChange}
      />
    </div>
  );
}
