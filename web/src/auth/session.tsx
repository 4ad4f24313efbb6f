import type { Role } from '@f2f/contract';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { ApiError, api, onAuthEvent, setCsrfToken, unwrap } from '../api/client.ts';
import { keys, usePublicSettings } from '../api/queries.ts';
import type { Session } from '../api/types.ts';

interface SessionValue {
  /** undefined while the first check runs; null when nobody is signed in. */
  session: Session | null | undefined;
  roles: readonly Role[];
  /** Set when the session could not be checked at all (server unreachable). */
  error: Error | null;
  /** Stores the answer of sign-in, password change or profile update. */
  accept: (session: Session) => void;
  refresh: () => Promise<void>;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

async function fetchSession(): Promise<Session | null> {
  try {
    const session = await unwrap(api.GET('/api/auth/session'));
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const query = useQuery({ queryKey: keys.session, queryFn: fetchSession, staleTime: 5 * 60_000 });

  const accept = useCallback(
    (session: Session) => {
      setCsrfToken(session.csrfToken);
      queryClient.setQueryData(keys.session, session);
    },
    [queryClient],
  );

  const refresh = useCallback(async () => {
    await queryClient.invalidateQueries({ queryKey: keys.session });
  }, [queryClient]);

  const signOut = useCallback(async () => {
    try {
      await unwrap(api.POST('/api/auth/logout'));
    } catch {
      // Signing out of an expired session is still signing out.
    }
    setCsrfToken(null);
    queryClient.clear();
    queryClient.setQueryData(keys.session, null);
    navigate('/login', { replace: true });
  }, [navigate, queryClient]);

  // The API says the session is gone (expired, signed out elsewhere) or needs a new password.
  const path = location.pathname + location.search;
  useEffect(
    () =>
      onAuthEvent((event) => {
        if (event === 'unauthenticated') {
          setCsrfToken(null);
          queryClient.setQueryData(keys.session, null);
          if (!path.startsWith('/login')) {
            navigate(`/login?next=${encodeURIComponent(path)}`, { replace: true });
          }
        } else {
          void queryClient.invalidateQueries({ queryKey: keys.session });
          navigate('/change-password', { replace: true });
        }
      }),
    [navigate, path, queryClient],
  );

  const value = useMemo<SessionValue>(
    () => ({
      session: query.data,
      roles: query.data?.roles ?? [],
      error: query.error,
      accept,
      refresh,
      signOut,
    }),
    [query.data, query.error, accept, refresh, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/**
 * Whether the signed-in person belongs to the city itself rather than a county (whose administrators
 * the server keeps to their county); undefined until the session and the public settings are known.
 */
export function useAtCity(): boolean | undefined {
  const { session } = useSession();
  const settings = usePublicSettings();
  if (!session || !settings.data) return undefined;
  return !settings.data.cityRegionId || session.person.regionId === settings.data.cityRegionId;
}

/** The signed-in person's session; only inside pages that RequireSession guards. */
export function useSignedIn(): Session {
  const { session } = useSession();
  if (!session) throw new Error('useSignedIn without a session');
  return session;
}
