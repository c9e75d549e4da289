/**
 * When the session ends while a screen is open (it expired, or was ended elsewhere), the screen stays
 * where it is with everything typed into it, and a dialog asks for the password again; after it the
 * staff member repeats what they were doing. Only "Выйти" leaves the screen for the login page.
 */
import { Alert, Button, Group, Modal, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, withLanguage } from './api/client';
import { endSession, storeSession, type Session } from './session';
import { errorText } from './ui/notify';

export function SessionExpiredModal({ login, onDone }: { login: string; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [password, setPassword] = useState('');
  const signIn = useMutation({
    mutationFn: () => api.post<Session>(withLanguage('/api/v1/session'), { login, password }, { isAuthProbe: true }),
    onSuccess: async (session) => {
      storeSession(client, session);
      onDone();
      // What failed while signed out is asked for again.
      await client.invalidateQueries({ predicate: (query) => query.state.status === 'error' });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (password) signIn.mutate();
  };
  const leave = () => {
    onDone();
    endSession(client);
  };
  return (
    <Modal
      opened
      onClose={() => undefined}
      withCloseButton={false}
      closeOnClickOutside={false}
      closeOnEscape={false}
      title={t('sessionExpired.title')}
    >
      <form onSubmit={submit} noValidate data-testid="session-expired">
        <Stack>
          <Text size="sm">{t('sessionExpired.intro')}</Text>
          {signIn.isError && (
            <Alert color="red" role="alert">
              {errorText(signIn.error)}
            </Alert>
          )}
          <TextInput label={t('login.login')} value={login} readOnly autoComplete="username" />
          <PasswordInput
            label={t('login.password')}
            autoComplete="current-password"
            required
            data-autofocus
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            data-testid="session-expired-password"
          />
          <Group justify="space-between">
            <Button variant="subtle" color="gray" onClick={leave}>
              {t('sessionExpired.leave')}
            </Button>
            <Button type="submit" loading={signIn.isPending} disabled={!password} data-testid="session-expired-submit">
              {t('login.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
