import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, type FormInstance } from 'antd';
import { api, unwrap } from '../../api/client.ts';
import { keys } from '../../api/queries.ts';
import type { paths } from '../../api/schema.ts';
import { useShowError } from '../../api/useShowError.ts';

type Json<Operation> = Operation extends {
  responses: { 200: { content: { 'application/json': infer Body } } };
}
  ? Body
  : never;

export type AppealRatings = Json<paths['/api/appeals/{id}/ratings']['get']>;
export type Rating = AppealRatings['ratings'][number];
export type FollowUp = AppealRatings['followUps'][number];
export type RatingValue = NonNullable<Rating['value']>;
export type DissatisfactionReason = NonNullable<Rating['reason']>;

export const ratingKeys = {
  /** Under the appeal's key, so that refreshing the appeal refreshes its ratings too. */
  appeal: (id: string) => [...keys.appeal(id), 'ratings'] as const,
};

/** Ratings of the handling units, reopen rounds and follow-up visits (GET /api/appeals/:id/ratings). */
export function useAppealRatings(appealId: string, enabled = true) {
  return useQuery({
    queryKey: ratingKeys.appeal(appealId),
    queryFn: () => unwrap(api.GET('/api/appeals/{id}/ratings', { params: { path: { id: appealId } } })),
    enabled,
  });
}

interface Options<Values> {
  appealId: string;
  send: (values: Values) => Promise<AppealRatings>;
  done: (values: Values) => string;
  onDone?: () => void;
  form?: FormInstance<Values>;
  fields?: Record<string, string>;
}

/**
 * A ratings action answering the appeal's ratings (rate, explain, decide, follow-up): the answer is
 * shown at once, and the appeal reloaded, since its allowed actions and timeline change too.
 */
export function useRatingsAction<Values>({ appealId, send, done, onDone, form, fields }: Options<Values>) {
  const queryClient = useQueryClient();
  const showError = useShowError();
  const { message } = App.useApp();
  return useMutation({
    mutationFn: send,
    onSuccess: async (saved, values) => {
      queryClient.setQueryData(ratingKeys.appeal(appealId), saved);
      message.success(done(values));
      onDone?.();
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: keys.appeal(appealId), exact: true }),
        queryClient.invalidateQueries({ queryKey: [...keys.appeals, 'list'] }),
      ]);
    },
    onError: (error) => showError(error, { form, fields }),
  });
}
