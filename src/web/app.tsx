/** Providers around the router: theme, dates, notifications, the query cache and the session. */
import { createTheme, MantineProvider, NumberInput } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { Notifications, notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router/dom';
import { ApiError, setUnauthorizedHandler } from './api/client';
import { applyLanguage, currentLanguage, i18n } from './i18n/setup';
import { router } from './routes';
import { endSession, SESSION_KEY, useSessionQuery } from './session';

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

/** Keeps the interface language and the "session expired" path in step with the session. */
function SessionEffects({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const { data: session } = useSessionQuery();
  const language = session?.user.language;

  useEffect(() => {
    setUnauthorizedHandler(() => {
      if (!client.getQueryData(SESSION_KEY)) return;
      endSession(client);
      notifications.show({ color: 'orange', message: i18n.t('errors.sessionExpired') });
    });
    return () => setUnauthorizedHandler(null);
  }, [client]);

  useEffect(() => {
    if (language) void applyLanguage(language);
  }, [language]);

  return <>{children}</>;
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
