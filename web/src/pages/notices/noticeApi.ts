import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { matchPath } from 'react-router';
import { api, unwrap } from '../../api/client.ts';
import type { paths } from '../../api/schema.ts';
import { useShowError } from '../../api/useShowError.ts';
import { useAtCity, useSession } from '../../auth/session.tsx';
import { appRoutes, canOpen } from '../../routes.tsx';

type NoticePage = paths['/api/notices']['get']['responses'][200]['content']['application/json'];
export type Notice = NoticePage['items'][number];

export const noticeKeys = {
  all: ['notices'] as const,
  list: (query: { unread: boolean; page: number }) => ['notices', 'list', query] as const,
  unread: ['notices', 'unread'] as const,
};

/** The header's count of unread notices, refreshed every minute. */
export function useUnreadCount() {
  return useQuery({
    queryKey: noticeKeys.unread,
    queryFn: async () =>
      (await unwrap(api.GET('/api/notices', { params: { query: { unread: 'true', pageSize: 1 } } }))).unread,
    refetchInterval: 60_000,
    staleTime: 30_000,
  });
}

export function useNotices(query: { unread: boolean; page: number; pageSize: number }) {
  return useQuery({
    queryKey: noticeKeys.list({ unread: query.unread, page: query.page }),
    queryFn: () =>
      unwrap(
        api.GET('/api/notices', {
          params: {
            query: { unread: query.unread ? 'true' : undefined, page: query.page, pageSize: query.pageSize },
          },
        }),
      ),
  });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  const showError = useShowError();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/notices/{id}/read', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: noticeKeys.all }),
    onError: (error) => showError(error),
  });
}

/** Whether a notice's link leads to a page the signed-in person may open (an enterprise may not open events). */
export function useMayFollow(): (link: string | null) => boolean {
  const { roles } = useSession();
  const atCity = useAtCity() !== false;
  return (link) => {
    if (!link?.startsWith('/')) return false;
    const path = link.split(/[?#]/)[0] ?? link;
    const route = appRoutes
      .filter((candidate) => candidate.access !== 'public')
      .find((candidate) => matchPath({ path: candidate.path, end: true }, path));
    return route ? canOpen(route, roles, atCity) : false;
  };
}
