/** Providers around the router: theme, dates, notifications, the query cache and the session. */
import { createTheme, MantineProvider, NumberInput } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router/dom';
import { ApiError, setUnauthorizedHandler } from './api/client';
import { applyLanguage, currentLanguage } from './i18n/setup';
import { router } from './routes';
import { SESSION_KEY, useSessionQuery, type Session } from './session';
import { SessionExpiredModal } from './session-expired';

const theme = createTheme({
  primaryColor: 'teal',
  defaultRadius: 'sm',
  components: {
    // A number out of range stays as typed and is refused with a message when the form is checked;
    // Mantine would otherwise change 20255 into the maximum on leaving the field, without a word.
    NumberInput: NumberInput.extend({ defaultProps: { clampBehavior: 'none' } }),
  },
});

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // A refused or missing record will not appear by asking again.
      retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

/**
 * Keeps the interface language in step with the session, and asks for the password again when the
 * session ends under an open screen (SessionExpiredModal), so that nothing typed there is lost.
 */
function SessionEffects({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const { data: session } = useSessionQuery();
  const language = session?.user.language;
  const [expiredLogin, setExpiredLogin] = useState<string | null>(null);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      const current = client.getQueryData<Session | null>(SESSION_KEY);
      if (!current) return;
      setExpiredLogin(current.user.login);
    });
    return () => setUnauthorizedHandler(null);
  }, [client]);

  useEffect(() => {
    if (language) void applyLanguage(language);
  }, [language]);

  return (
    <>
      {children}
      {expiredLogin !== null && <SessionExpiredModal login={expiredLogin} onDone={() => setExpiredLogin(null)} />}
    </>
  );
}

function LocalizedDates({ children }: { children: ReactNode }) {
  useTranslation();
  return <DatesProvider settings={{ locale: currentLanguage(), firstDayOfWeek: 1 }}>{children}</DatesProvider>;
}

export function App() {
  return (
    <MantineProvider theme={theme}>
      <LocalizedDates>
        <Notifications position="top-right" />
        <QueryClientProvider client={queryClient}>
          <SessionEffects>
            <RouterProvider router={router} />
          </SessionEffects>
        </QueryClientProvider>
      </LocalizedDates>
    </MantineProvider>
  );
}
