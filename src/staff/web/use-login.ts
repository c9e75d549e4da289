import { useMutation } from '@tanstack/react-query';
import { api, withLanguage } from '../../web/api/client';
import { useStoreSession, type Session } from '../../web/session';

/** Logs in and keeps the session; shared by the login form and the first-run setup. */
export function useLogin() {
  const storeSession = useStoreSession();
  return useMutation({
    mutationFn: (body: { login: string; password: string }) =>
      api.post<Session>(withLanguage('/api/v1/session'), body, { isAuthProbe: true }),
    onSuccess: (session) => storeSession(session),
  });
}
