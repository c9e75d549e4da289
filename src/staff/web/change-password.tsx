/** Changing one's own password: from the user menu, or forced after an administrator's reset. */
import { Alert, Button, Paper, PasswordInput, Stack, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { api } from '../../web/api/client';
import { useUpdateSessionUser } from '../../web/session';
import { FormAlert } from '../../web/ui/feedback';
import { notifySaved } from '../../web/ui/notify';
import { useFormFeedback } from '../../web/ui/use-form-feedback';
import { ZPassword } from '../staff.schemas';

const ZPasswordChange = z
  .object({ currentPassword: z.string().min(1), newPassword: ZPassword, repeat: z.string() })
  .refine((v) => v.newPassword === v.repeat, { path: ['repeat'], message: 'passwords_differ' });

export function ChangePasswordForm({ isForced = false }: { isForced?: boolean }) {
  const { t } = useTranslation();
  const updateUser = useUpdateSessionUser();
  const form = useForm({ initialValues: { currentPassword: '', newPassword: '', repeat: '' } });
  const feedback = useFormFeedback(form);
  const change = useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      api.post<void>('/api/v1/session/password', body),
    onSuccess: () => {
      notifySaved(t('password.changed'));
      form.reset();
      updateUser({ mustChangePassword: false });
    },
    onError: (error) => feedback.fail(error),
  });

  const submit = form.onSubmit((values) => {
    const data = feedback.validate(ZPasswordChange, values);
    if (!data) return;
    change.mutate({ currentPassword: data.currentPassword, newPassword: data.newPassword });
  });

  return (
    <Paper withBorder p="lg" maw={440} mx={isForced ? 'auto' : undefined} mt={isForced ? 'xl' : undefined}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Title order={isForced ? 2 : 3}>{t('password.title')}</Title>
          {isForced && <Alert color="orange">{t('password.forced')}</Alert>}
          <FormAlert messages={feedback.general} />
          <PasswordInput
            label={t('password.current')}
            autoComplete="current-password"
            required
            data-testid="password-current"
            {...form.getInputProps('currentPassword')}
          />
          <PasswordInput
            label={t('password.new')}
            autoComplete="new-password"
            required
            data-testid="password-new"
            {...form.getInputProps('newPassword')}
          />
          <PasswordInput
            label={t('password.repeat')}
            autoComplete="new-password"
            required
            data-testid="password-repeat"
            {...form.getInputProps('repeat')}
          />
          <Button type="submit" loading={change.isPending} data-testid="password-submit">
            {t('password.submit')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}

export function ChangePasswordPage() {
  return <ChangePasswordForm />;
}
