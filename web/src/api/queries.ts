import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from './client.ts';
import type { UnitQuery } from './types.ts';

/** Query keys in one place, so that mutations invalidate what they change. */
export const keys = {
  session: ['session'] as const,
  settings: ['settings'] as const,
  regions: ['regions'] as const,
  units: (query: UnitQuery = {}) => ['units', query] as const,
  allUnits: ['units'] as const,
  people: ['people'] as const,
  taskForce: (regionId: string) => ['task-force', regionId] as const,
  calendarYears: ['calendar', 'years'] as const,
  calendarYear: (year: number) => ['calendar', 'years', year] as const,
  audit: ['audit'] as const,
};

export function usePublicSettings() {
  return useQuery({
    queryKey: keys.settings,
    queryFn: () => unwrap(api.GET('/api/settings/public')),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useRegions() {
  return useQuery({
    queryKey: keys.regions,
    queryFn: () => unwrap(api.GET('/api/org/regions')),
    staleTime: 5 * 60_000,
  });
}

export function useUnits(query: UnitQuery = {}) {
  return useQuery({
    queryKey: keys.units(query),
    queryFn: () => unwrap(api.GET('/api/org/units', { params: { query } })),
    staleTime: 60_000,
  });
}
