/** The desk's control for a reader's portal password: type the one the reader chose, or e-mail a one-time link. */
import { Alert, Button, Group, Modal, PasswordInput, Select, Stack, Text } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../../staff/staff.schemas';
import { api, ApiError } from '../../web/api/client';

function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.fieldErrors[0]?.message ?? error.problem.title;
  return String(error);
}

export function PortalPasswordControl({ readerId, cardNumber }: { readerId: string; cardNumber: string }) {
  const { t } = useTranslation();
  const [isOpen, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  /** The e-mail's language; null: the one the reader uses on the portal. */
  const [language, setLanguage] = useState<string | null>(null);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [isBusy, setBusy] = useState(false);

  const close = () => {
    setOpen(false);
    setPassword('');
    setResult(null);
  };
  const run = async (action: () => Promise<string>) => {
    setBusy(true);
    try {
      setResult({ ok: true, text: await action() });
      setPassword('');
    } catch (error) {
      setResult({ ok: false, text: messageOf(error) });
    } finally {
      setBusy(false);
    }
  };
  const save = () =>
    run(async () => {
      await api.post(`/api/v1/readers/${readerId}/password`, { password });
      return t('portalPassword.saved');
    });
  const sendLink = () =>
    run(async () => {
      const sent = await api.post<{ sentTo: string }>(`/api/v1/readers/${readerId}/password-link`, language ? { language } : {});
      return t('portalPassword.linkSent', { email: sent.sentTo });
    });

  return (
    <>
      <Button size="xs" variant="light" leftSection={<IconKey size={14} />} onClick={() => setOpen(true)} tabIndex={-1} data-testid="portal-password">
        {t('portalPassword.button')}
      </Button>
      <Modal opened={isOpen} onClose={close} title={t('portalPassword.title')}>
        <Stack gap="sm">
          <Text size="sm">{t('portalPassword.intro', { card: cardNumber })}</Text>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void save();
            }}
          >
            <Stack gap="xs">
              <PasswordInput
                data-autofocus
                label={t('portalPassword.password')}
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                autoComplete="new-password"
                data-testid="portal-password-input"
              />
              <Select
                label={t('portalPassword.mailLanguage')}
                placeholder={t('portalPassword.readerLanguage')}
                clearable
                data={LANGUAGES.map((l) => ({ value: l, label: t(`language.${l}`) }))}
                value={language}
                onChange={setLanguage}
                data-testid="portal-password-language"
              />
              <Group justify="space-between">
                <Button variant="default" onClick={() => void sendLink()} loading={isBusy} data-testid="portal-password-link">
                  {t('portalPassword.sendLink')}
                </Button>
                <Button type="submit" disabled={!password} loading={isBusy} data-testid="portal-password-save">
                  {t('portalPassword.save')}
                </Button>
              </Group>
            </Stack>
          </form>
          {result && (
            <Alert color={result.ok ? 'teal' : 'red'} role={result.ok ? 'status' : 'alert'} data-testid="portal-password-result">
              {result.text}
            </Alert>
          )}
        </Stack>
      </Modal>
    </>
  );
}
