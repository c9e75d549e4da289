/** The signed-in staff member, kept in the query cache under one key so every screen sees the same. */
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { TLanguage, TRole, TScopeKind } from '../staff/staff.schemas';
import { api, ApiError, setCsrfToken } from './api/client';

export interface SessionUser {
  id: string;
  login: string;
  fullName: string;
  role: TRole;
  scopeKind: TScopeKind;
  scopeId: string | null;
  libraryId: string | null;
  language: TLanguage;
  mustChangePassword: boolean;
}

export interface Session {
  user: SessionUser;
  csrfToken: string;
}

export const SESSION_KEY = ['session'] as const;

async function fetchSession(): Promise<Session | null> {
  try {
    const session = await api.get<Session>('/api/v1/session', undefined, { isAuthProbe: true });
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export function useSessionQuery() {
  return useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: Infinity, retry: false });
}

/** The session inside the signed-in part of the app, where `RequireSession` guarantees one exists. */
export function useSession(): Session {
  const { data } = useSessionQuery();
  if (!data) throw new Error('useSession() used outside a signed-in screen');
  return data;
}

export function storeSession(queryClient: QueryClient, session: Session | null) {
  setCsrfToken(session?.csrfToken ?? '');
  queryClient.setQueryData(SESSION_KEY, session);
}

/**
 * Forgets the session and every cached answer fetched with it. The session entry is set to null
 * rather than removed, so screens watching it move to the login page at once.
 */
export function endSession(queryClient: QueryClient) {
  storeSession(queryClient, null);
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_KEY[0] });
}

/** Replaces the cached session, e.g. after login or after the user changed their language. */
export function useStoreSession() {
  const queryClient = useQueryClient();
  return useCallback((session: Session | null) => storeSession(queryClient, session), [queryClient]);
}

/** Changes a field of the signed-in user in the cache after the server accepted it. */
export function useUpdateSessionUser() {
  const queryClient = useQueryClient();
  return useCallback(
    (patch: Partial<SessionUser>) =>
      queryClient.setQueryData<Session | null>(SESSION_KEY, (old) =>
        old ? { ...old, user: { ...old.user, ...patch } } : old,
      ),
    [queryClient],
  );
}
