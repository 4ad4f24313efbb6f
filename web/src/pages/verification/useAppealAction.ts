import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, type FormInstance } from 'antd';
import { useState } from 'react';
import { isApiError } from '../../api/client.ts';
import { keys } from '../../api/queries.ts';
import type { AppealDetail } from '../../api/types.ts';
import { useShowError } from '../../api/useShowError.ts';

interface Options<Values> {
  appeal: AppealDetail;
  /** Sends the action with the appeal's current version; answers the appeal as it is now. */
  send: (values: Values, version: number) => Promise<AppealDetail>;
  /** The toast after success. */
  done: (values: Values) => string;
  onDone: () => void;
  form: FormInstance<Values>;
  /** Error code → form field, so that the message shows under that field. */
  fields?: Record<string, string>;
}

/**
 * One workflow action on an appeal from a modal or drawer form: on success the page shows the
 * answer at once and reloads what depends on it (verification, lists, requests); on 409
 * request.conflict (someone changed the appeal meanwhile) the latest appeal is loaded and the form
 * says so (ConflictAlert), keeping what was typed for a second try with the new version.
 */
export function useAppealAction<Values>({ appeal, send, done, onDone, form, fields }: Options<Values>) {
  const queryClient = useQueryClient();
  const showError = useShowError();
  const { message } = App.useApp();
  const [conflict, setConflict] = useState(false);

  const mutation = useMutation({
    mutationFn: (values: Values) => send(values, appeal.version),
    onSuccess: async (saved, values) => {
      queryClient.setQueryData(keys.appeal(appeal.id), saved);
      message.success(done(values));
      setConflict(false);
      onDone();
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: keys.appealVerification(appeal.id) }),
        queryClient.invalidateQueries({ queryKey: [...keys.appeals, 'list'] }),
        queryClient.invalidateQueries({ queryKey: keys.verificationRequests }),
      ]);
    },
    onError: async (error) => {
      if (isApiError(error, 'request.conflict')) {
        setConflict(true);
        await queryClient.invalidateQueries({ queryKey: keys.appeal(appeal.id) });
        return;
      }
      showError(error, { form, fields });
    },
  });

  return { mutation, conflict, clearConflict: () => setConflict(false) };
}
