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
  categories: ['appeal-categories'] as const,
  appeals: ['appeals'] as const,
  appeal: (id: string) => ['appeals', 'one', id] as const,
  commonIssues: ['common-issues'] as const,
  enterprises: ['enterprises'] as const,
  apiKeys: ['api-keys'] as const,
  tiers: ['handling-tiers'] as const,
  /** Under the appeal's key, so that refreshing the appeal refreshes its verification too. */
  appealVerification: (id: string) => ['appeals', 'one', id, 'verification'] as const,
  verificationRequests: ['verification-requests'] as const,
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

/** Appeal categories; with `includeInactive` the deactivated ones too (administrators). */
export function useCategories(includeInactive = false) {
  return useQuery({
    queryKey: [...keys.categories, includeInactive],
    queryFn: () =>
      unwrap(
        api.GET('/api/appeal-categories', {
          params: { query: includeInactive ? { includeInactive: 'true' } : {} },
        }),
      ),
    staleTime: 5 * 60_000,
  });
}

/** Handling tiers (分级办理标准); with `includeInactive` the deactivated ones too. */
export function useHandlingTiers(includeInactive = false) {
  return useQuery({
    queryKey: [...keys.tiers, includeInactive],
    queryFn: () =>
      unwrap(
        api.GET('/api/handling-tiers', {
          params: { query: includeInactive ? { includeInactive: 'true' } : {} },
        }),
      ),
    staleTime: 5 * 60_000,
  });
}
