/** The first-run form: the first network, its central library and the administrator's account. */
import { Button, Fieldset, PasswordInput, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { api, withLanguage } from '../../web/api/client';
import { currentLanguage } from '../../web/i18n/setup';
import { FormAlert } from '../../web/ui/feedback';
import { notifySaved } from '../../web/ui/notify';
import { useFormFeedback } from '../../web/ui/use-form-feedback';
import { ZSetupRequest } from '../setup.schemas';
import { useLogin } from './use-login';

const ZSetupForm = ZSetupRequest.extend({
  admin: ZSetupRequest.shape.admin.extend({ passwordRepeat: z.string() }),
}).refine((v) => v.admin.password === v.admin.passwordRepeat, {
  path: ['admin', 'passwordRepeat'],
  message: 'passwords_differ',
});

export function SetupForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const login = useLogin();
  const form = useForm({
    initialValues: {
      regionName: '',
      networkName: '',
      networkShortName: '',
      country: 'KG' as 'KG' | 'RU',
      centralLibraryName: '',
      settlement: '',
      admin: { login: '', fullName: '', password: '', passwordRepeat: '' },
    },
  });
  const feedback = useFormFeedback(form);
  const setup = useMutation({
    mutationFn: (body: z.infer<typeof ZSetupRequest>) =>
      api.post<{ networkId: string }>(withLanguage('/api/v1/setup'), body),
    onSuccess: async (_, body) => {
      notifySaved(t('setup.done'));
      await login.mutateAsync({ login: body.admin.login, password: body.admin.password });
      await queryClient.invalidateQueries({ queryKey: ['setup'] });
      onDone();
    },
    onError: (error) => feedback.fail(error),
  });

  const submit = form.onSubmit((values) => {
    const data = feedback.validate(ZSetupForm, { ...values, language: currentLanguage() });
    if (!data) return;
    const { passwordRepeat: _repeat, ...admin } = data.admin;
    setup.mutate({ ...data, admin });
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text c="dimmed" size="sm">
          {t('setup.intro')}
        </Text>
        <FormAlert messages={feedback.general} />
        <Fieldset legend={t('setup.network')}>
          <Stack gap="sm">
            <TextInput
              label={t('setup.region')}
              required
              data-testid="setup-region"
              {...form.getInputProps('regionName')}
            />
            <TextInput
              label={t('setup.networkName')}
              required
              data-testid="setup-network-name"
              {...form.getInputProps('networkName')}
            />
            <TextInput
              label={t('setup.networkShortName')}
              required
              data-testid="setup-network-short-name"
              {...form.getInputProps('networkShortName')}
            />
            <div>
              <Text size="sm" fw={500} mb={4} id="setup-country-label">
                {t('setup.country')}
              </Text>
              <SegmentedControl
                aria-labelledby="setup-country-label"
                data={[
                  { value: 'KG', label: t('setup.countryKG') },
                  { value: 'RU', label: t('setup.countryRU') },
                ]}
                data-testid="setup-country"
                {...form.getInputProps('country')}
              />
            </div>
            <TextInput
              label={t('setup.centralLibrary')}
              required
              data-testid="setup-central-library"
              {...form.getInputProps('centralLibraryName')}
            />
            <TextInput
              label={t('setup.settlement')}
              data-testid="setup-settlement"
              {...form.getInputProps('settlement')}
            />
          </Stack>
        </Fieldset>
        <Fieldset legend={t('setup.admin')}>
          <Stack gap="sm">
            <TextInput
              label={t('setup.adminLogin')}
              autoComplete="username"
              autoCapitalize="none"
              required
              data-testid="setup-admin-login"
              {...form.getInputProps('admin.login')}
            />
            <TextInput
              label={t('setup.adminFullName')}
              required
              data-testid="setup-admin-full-name"
              {...form.getInputProps('admin.fullName')}
            />
            <PasswordInput
              label={t('setup.adminPassword')}
              autoComplete="new-password"
              required
              data-testid="setup-admin-password"
              {...form.getInputProps('admin.password')}
            />
            <PasswordInput
              label={t('setup.passwordRepeat')}
              autoComplete="new-password"
              required
              data-testid="setup-admin-password-repeat"
              {...form.getInputProps('admin.passwordRepeat')}
            />
          </Stack>
        </Fieldset>
        <Button type="submit" loading={setup.isPending || login.isPending} data-testid="setup-submit">
          {t('setup.submit')}
        </Button>
      </Stack>
    </form>
  );
}
