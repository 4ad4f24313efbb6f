import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { FormInstance } from 'antd';
import { api, unwrap } from '../../api/client.ts';
import { keys } from '../../api/queries.ts';
import type { paths } from '../../api/schema.ts';
import type { AppealDetail } from '../../api/types.ts';
import { useAppealAction } from '../verification/useAppealAction.ts';

type Json<Operation> = Operation extends {
  responses: { 200: { content: { 'application/json': infer Body } } };
}
  ? Body
  : never;

export type AppealHandling = Json<paths['/api/appeals/{id}/handling']['get']>;
export type HandlingNote = AppealHandling['notes'][number];
export type ExtensionRequest = AppealHandling['extensions'][number];
export type Reply = AppealHandling['replies'][number];
export type AssignmentPage = Json<paths['/api/assignments']['get']>;
export type AssignmentListItem = AssignmentPage['items'][number];
export type AssignmentQuery = NonNullable<paths['/api/assignments']['get']['parameters']['query']>;
export type AssignmentStatus = AssignmentListItem['status'];
export type ContactWay = NonNullable<HandlingNote['contactWay']>;

export const handlingKeys = {
  /** Under the appeal's key, so that refreshing the appeal refreshes its handling too. */
  appeal: (id: string) => [...keys.appeal(id), 'handling'] as const,
  assignments: ['assignments'] as const,
};

/** Notes, extension requests and replies of an appeal (GET /api/appeals/:id/handling). */
export function useAppealHandling(appealId: string, enabled = true) {
  return useQuery({
    queryKey: handlingKeys.appeal(appealId),
    queryFn: () => unwrap(api.GET('/api/appeals/{id}/handling', { params: { path: { id: appealId } } })),
    enabled,
  });
}

/** The appeal's verification (its assignments); the same cache entry as the 核实与交办 section. */
export function useAppealAssignments(appealId: string, enabled = true) {
  return useQuery({
    queryKey: keys.appealVerification(appealId),
    queryFn: () => unwrap(api.GET('/api/appeals/{id}/verification', { params: { path: { id: appealId } } })),
    enabled,
  });
}

interface Options<Values> {
  appeal: AppealDetail;
  send: (values: Values, version: number) => Promise<AppealDetail>;
  done: (values: Values) => string;
  onDone: () => void;
  form: FormInstance<Values>;
  fields?: Record<string, string>;
}

/**
 * A handling action from a modal or drawer: useAppealAction (the answer shown at once, 409 shown as a
 * conflict), and then the handling record and the assignment lists reloaded too.
 */
export function useHandlingAction<Values>({ onDone, appeal, ...options }: Options<Values>) {
  const queryClient = useQueryClient();
  return useAppealAction<Values>({
    ...options,
    appeal,
    onDone: () => {
      onDone();
      void queryClient.invalidateQueries({ queryKey: handlingKeys.appeal(appeal.id) });
      void queryClient.invalidateQueries({ queryKey: handlingKeys.assignments });
    },
  });
}
