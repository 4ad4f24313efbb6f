import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { api, isApiError, unwrap } from '../../api/client.ts';
import { saveDownload } from '../../api/download.ts';
import { keys } from '../../api/queries.ts';
import { useShowError } from '../../api/useShowError.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { EventDetail, EventPage } from './eventTypes.ts';

/** Query keys of the events pages. */
export const eventKeys = {
  all: ['events'] as const,
  lists: ['events', 'list'] as const,
  list: (query: { status?: EventPage['items'][number]['status']; page: number; pageSize: number }) =>
    ['events', 'list', query] as const,
  one: (id: string) => ['events', 'one', id] as const,
};

export function useEvent(id: string, refetchInterval?: number) {
  return useQuery({
    queryKey: eventKeys.one(id),
    queryFn: () => unwrap(api.GET('/api/events/{id}', { params: { path: { id } } })),
    refetchInterval,
  });
}

/** Keeps an event answer (every step answers with the whole event) and refreshes what it changes. */
export function useAcceptEvent(): (detail: EventDetail) => void {
  const queryClient = useQueryClient();
  return useCallback(
    (detail: EventDetail) => {
      queryClient.setQueryData(eventKeys.one(detail.id), detail);
      void queryClient.invalidateQueries({ queryKey: eventKeys.lists });
      // Catalogue changes move appeals in and out of the pool; the opinions assign them.
      void queryClient.invalidateQueries({ queryKey: keys.appeals });
    },
    [queryClient],
  );
}

interface ActionOptions<V> {
  event: EventDetail;
  /** Sends the step; `version` is the event's version as shown. */
  send: (values: V, version: number) => Promise<EventDetail>;
  /** The confirmation shown once done. */
  done: string;
  form?: FormInstance;
  /** Error code → form field, so that the message shows under the field too. */
  fields?: Record<string, string>;
  onDone?: () => void;
}

/**
 * One step of the event cycle. A 409 request.conflict means someone changed the event first: the latest
 * version is loaded and nothing is overwritten; the person sees it and can act again.
 */
export function useEventAction<V>({ event, send, done, form, fields, onDone }: ActionOptions<V>) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const accept = useAcceptEvent();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (values: V) => send(values, event.version),
    onSuccess: (detail) => {
      accept(detail);
      message.success(done);
      onDone?.();
    },
    onError: async (error) => {
      if (isApiError(error, 'request.conflict')) {
        message.warning({ content: t('event.conflict'), key: 'event.conflict', duration: 6 });
        await queryClient.invalidateQueries({ queryKey: eventKeys.one(event.id) });
        return;
      }
      showError(error, { form, fields });
    },
  });
}

export type EventFile = 'catalogue.docx' | 'catalogue.xlsx' | 'notice.docx' | 'opinions.docx';

/** Saves one of the event's documents under the name the server gives it. */
export function downloadEventFile(event: EventDetail, file: EventFile): Promise<void> {
  const params = { path: { id: event.id } };
  const fallback = `${event.title}-${file}`;
  switch (file) {
    case 'catalogue.docx':
      return saveDownload(api.GET('/api/events/{id}/catalogue.docx', { params, parseAs: 'blob' }), fallback);
    case 'catalogue.xlsx':
      return saveDownload(api.GET('/api/events/{id}/catalogue.xlsx', { params, parseAs: 'blob' }), fallback);
    case 'notice.docx':
      return saveDownload(api.GET('/api/events/{id}/notice.docx', { params, parseAs: 'blob' }), fallback);
    case 'opinions.docx':
      return saveDownload(api.GET('/api/events/{id}/opinions.docx', { params, parseAs: 'blob' }), fallback);
  }
}
