/** An administrator sets a new temporary password; the person must change it at next login. */
import { Button, Fieldset, Group, PasswordInput, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { api } from '../../web/api/client';
import { notifySaved } from '../../web/ui/notify';
import { useFormFeedback } from '../../web/ui/use-form-feedback';
import { ZPassword } from '../staff.schemas';

const ZReset = z.object({ newPassword: ZPassword });

export function ResetPasswordForm({ staffId }: { staffId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm({ initialValues: { newPassword: '' } });
  const feedback = useFormFeedback(form);
  const reset = useMutation({
    mutationFn: (body: z.infer<typeof ZReset>) => api.post<void>(`/api/v1/staff/${staffId}/password`, body),
    onSuccess: () => {
      notifySaved(t('staff.resetDone'));
      form.reset();
      void queryClient.invalidateQueries({ queryKey: ['staff'] });
      void queryClient.invalidateQueries({ queryKey: ['audit'] });
    },
    onError: (error) => feedback.fail(error),
  });
  const submit = form.onSubmit((values) => {
    const body = feedback.validate(ZReset, values);
    if (body) reset.mutate(body);
  });
  return (
    <form onSubmit={submit} noValidate>
      <Fieldset legend={t('staff.resetPassword')}>
        <Text size="sm" c="dimmed" mb="xs">
          {t('staff.resetHint')}
        </Text>
        <Group align="flex-start">
          <PasswordInput
            aria-label={t('staff.newPassword')}
            placeholder={t('staff.newPassword')}
            autoComplete="new-password"
            style={{ flex: 1 }}
            data-testid="staff-reset-password"
            {...form.getInputProps('newPassword')}
          />
          <Button type="submit" variant="light" loading={reset.isPending} data-testid="staff-reset-submit">
            {t('staff.resetPassword')}
          </Button>
        </Group>
      </Fieldset>
    </form>
  );
}
