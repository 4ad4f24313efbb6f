import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, type FormInstance } from 'antd';
import { api, unwrap } from '../../api/client.ts';
import { saveDownload } from '../../api/download.ts';
import { keys } from '../../api/queries.ts';
import type { paths } from '../../api/schema.ts';
import { useShowError } from '../../api/useShowError.ts';

type Json<Operation> = Operation extends {
  responses: { 200: { content: { 'application/json': infer Body } } };
}
  ? Body
  : never;

export type SupervisionWorkspace = Json<paths['/api/supervision/workspace']['get']>;
export type WorkspaceItem = SupervisionWorkspace['items'][number];
export type SupervisionWarning = WorkspaceItem['warnings'][number];
export type AppealSupervision = Json<paths['/api/appeals/{id}/supervision']['get']>;
export type SupervisionAction = AppealSupervision['actions'][number];
export type SupervisionLevel = SupervisionAction['level'];
export type SupervisionSettings = Json<paths['/api/supervision/settings']['get']>;

export const supervisionKeys = {
  workspace: ['supervision', 'workspace'] as const,
  settings: ['supervision', 'settings'] as const,
  /** Under the appeal's key, so that refreshing the appeal refreshes its steps too. */
  appeal: (id: string) => [...keys.appeal(id), 'supervision'] as const,
};

export function useWorkspace() {
  return useQuery({
    queryKey: supervisionKeys.workspace,
    queryFn: () => unwrap(api.GET('/api/supervision/workspace')),
  });
}

export function useSupervisionSettings() {
  return useQuery({
    queryKey: supervisionKeys.settings,
    queryFn: () => unwrap(api.GET('/api/supervision/settings')),
  });
}

export function useAppealSupervision(appealId: string, enabled: boolean) {
  return useQuery({
    queryKey: supervisionKeys.appeal(appealId),
    queryFn: () => unwrap(api.GET('/api/appeals/{id}/supervision', { params: { path: { id: appealId } } })),
    enabled,
    retry: false,
  });
}

export function downloadNotice(actionId: string, fallback: string): Promise<void> {
  return saveDownload(
    api.GET('/api/supervision/actions/{id}/notice.docx', {
      params: { path: { id: actionId } },
      parseAs: 'blob',
    }),
    fallback,
  );
}

interface Options<Values> {
  send: (values: Values) => Promise<AppealSupervision>;
  done: (values: Values) => string;
  onDone?: () => void;
  form?: FormInstance<Values>;
  fields?: Record<string, string>;
}

/** A supervision action (a step, an answer): the message, then the workspace and the appeal reloaded. */
export function useSupervisionAction<Values>({ send, done, onDone, form, fields }: Options<Values>) {
  const queryClient = useQueryClient();
  const showError = useShowError();
  const { message } = App.useApp();
  return useMutation({
    mutationFn: send,
    onSuccess: async (saved, values) => {
      const appealId = saved.actions[0]?.appealId;
      if (appealId) queryClient.setQueryData(supervisionKeys.appeal(appealId), saved);
      message.success(done(values));
      onDone?.();
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: supervisionKeys.workspace }),
        appealId
          ? queryClient.invalidateQueries({ queryKey: keys.appeal(appealId), exact: true })
          : Promise.resolve(),
      ]);
    },
    onError: (error) => showError(error, { form, fields }),
  });
}
