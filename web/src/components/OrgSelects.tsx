import { type Role, regionKindLabels, roleLabels, roles } from '@f2f/contract';
import { useQuery } from '@tanstack/react-query';
import { Select, type SelectProps } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../api/client.ts';
import { useRegions, useUnits } from '../api/queries.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';

type StringSelectProps = Omit<SelectProps<string>, 'options' | 'mode'>;

/** Regions, the city first; value is the region id. */
export function RegionSelect(props: StringSelectProps) {
  const regions = useRegions();
  const { label } = useI18n();
  const options = (regions.data ?? []).map((region) => ({
    value: region.id,
    label: region.name,
    title: label(regionKindLabels[region.kind]),
  }));
  return (
    <Select<string>
      loading={regions.isLoading}
      showSearch={{ optionFilterProp: 'label' }}
      options={options}
      {...props}
    />
  );
}

/** Active units, optionally of one region; value is the unit id. */
export function UnitSelect({ regionId, ...props }: StringSelectProps & { regionId?: string }) {
  const units = useUnits(regionId ? { regionId } : {});
  const options = (units.data ?? []).map((unit) => ({ value: unit.id, label: unit.name }));
  return (
    <Select<string>
      loading={units.isLoading}
      showSearch={{ optionFilterProp: 'label' }}
      options={options}
      popupMatchSelectWidth={false}
      {...props}
    />
  );
}

/** Several active units; value is a list of unit ids. `exclude` leaves some out (a lead unit among co-units). */
export function UnitsSelect({
  exclude = [],
  ...props
}: Omit<SelectProps<string[]>, 'options' | 'mode'> & { exclude?: readonly string[] }) {
  const units = useUnits();
  const options = (units.data ?? [])
    .filter((unit) => !exclude.includes(unit.id))
    .map((unit) => ({ value: unit.id, label: unit.name }));
  return (
    <Select<string[]>
      mode="multiple"
      loading={units.isLoading}
      showSearch={{ optionFilterProp: 'label' }}
      options={options}
      popupMatchSelectWidth={false}
      {...props}
    />
  );
}

export function RoleSelect(props: Omit<SelectProps<Role>, 'options' | 'mode'>) {
  const { label } = useI18n();
  const options = roles.map((role) => ({ value: role, label: label(roleLabels[role]) }));
  return <Select<Role> options={options} {...props} />;
}

export function RolesSelect(props: Omit<SelectProps<Role[]>, 'options' | 'mode'>) {
  const { label } = useI18n();
  const options = roles.map((role) => ({ value: role, label: label(roleLabels[role]) }));
  return (
    <Select<Role[]> mode="multiple" options={options} showSearch={{ optionFilterProp: 'label' }} {...props} />
  );
}

/**
 * A person picked by searching name or username (administrators only: it reads /api/org/people).
 * `initialLabel` names the current value before any search.
 */
export function PersonSelect({
  initialLabel,
  ...props
}: StringSelectProps & { initialLabel?: string | null }) {
  const [search, setSearch] = useState('');
  const people = useQuery({
    queryKey: ['people', 'pick', search],
    queryFn: () =>
      unwrap(api.GET('/api/org/people', { params: { query: { q: search || undefined, pageSize: 20 } } })),
    staleTime: 30_000,
  });
  const options = (people.data?.items ?? []).map((person) => ({
    value: person.id,
    label: `${person.name} · ${person.username} · ${person.orgName}`,
  }));
  if (props.value && initialLabel && !options.some((option) => option.value === props.value)) {
    options.unshift({ value: props.value, label: initialLabel });
  }
  return (
    <Select<string>
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={people.isFetching}
      options={options}
      popupMatchSelectWidth={false}
      {...props}
    />
  );
}
