import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import { keys } from '../../api/queries.ts';
import type { paths } from '../../api/schema.ts';

type Json<Operation> = Operation extends {
  responses: { 200: { content: { 'application/json': infer Body } } };
}
  ? Body
  : never;

export type AppealLevels = Json<paths['/api/appeals/{id}/levels']['get']>;
export type LevelMove = AppealLevels['moves'][number];

export const levelKeys = {
  /** Under the appeal's key, so that refreshing the appeal refreshes its levels too. */
  appeal: (id: string) => [...keys.appeal(id), 'levels'] as const,
};

/** The level handling an appeal, its moves and where it may be handed down (GET /api/appeals/:id/levels). */
export function useAppealLevels(appealId: string, enabled = true) {
  return useQuery({
    queryKey: levelKeys.appeal(appealId),
    queryFn: () => unwrap(api.GET('/api/appeals/{id}/levels', { params: { path: { id: appealId } } })),
    enabled,
  });
}
