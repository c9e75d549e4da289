/** /staff/login: signing in, or the first-run setup while the installation has no account yet. */
import {
  Alert,
  Button,
  Center,
  Container,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { api, withLanguage } from '../../web/api/client';
import { LanguageSwitcher } from '../../web/layout/language-switcher';
import { paths } from '../../web/paths';
import { useSessionQuery } from '../../web/session';
import { ErrorState, LoadingState } from '../../web/ui/feedback';
import { errorText } from '../../web/ui/notify';
import { useFormFeedback } from '../../web/ui/use-form-feedback';
import { ZLoginRequest } from '../staff.schemas';
import { SetupForm } from './setup-form';
import { useLogin } from './use-login';

/** Only paths inside the app are followed after login, never another site. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : paths.home;
}

function LoginForm() {
  const { t } = useTranslation();
  const form = useForm({ initialValues: { login: '', password: '' } });
  const feedback = useFormFeedback(form);
  const login = useLogin();
  const submit = form.onSubmit((values) => {
    const data = feedback.validate(ZLoginRequest, values);
    if (data) login.mutate(data);
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text c="dimmed" size="sm">
          {t('login.intro')}
        </Text>
        {login.isError && (
          <Alert color="red" role="alert" data-testid="login-error">
            {errorText(login.error)}
          </Alert>
        )}
        <TextInput
          label={t('login.login')}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          data-autofocus
          autoFocus
          data-testid="login-login"
          {...form.getInputProps('login')}
        />
        <PasswordInput
          label={t('login.password')}
          autoComplete="current-password"
          required
          data-testid="login-password"
          {...form.getInputProps('password')}
        />
        <Button type="submit" loading={login.isPending} data-testid="login-submit">
          {t('login.submit')}
        </Button>
      </Stack>
    </form>
  );
}

export function LoginPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const session = useSessionQuery();
  const setup = useQuery({
    queryKey: ['setup'],
    queryFn: () => api.get<{ isNeeded: boolean }>(withLanguage('/api/v1/setup'), undefined, { isAuthProbe: true }),
  });
  const next = safeNext(params.get('next'));

  if (session.data) return <Navigate to={next} replace />;
  const isSetup = setup.data?.isNeeded === true;

  return (
    <Container size={isSetup ? 640 : 420} py="xl">
      <Group justify="space-between" mb="lg">
        <Title order={1} size="h2" c="teal.8">
          {t('app.name')}
        </Title>
        <LanguageSwitcher />
      </Group>
      <Paper withBorder shadow="sm" p="xl" radius="md">
        <Title order={2} size="h3" mb="md">
          {isSetup ? t('setup.title') : t('login.title')}
        </Title>
        {setup.isPending || session.isPending ? (
          <Center>
            <LoadingState />
          </Center>
        ) : setup.isError ? (
          <ErrorState error={setup.error} onRetry={() => void setup.refetch()} />
        ) : isSetup ? (
          <SetupForm onDone={() => void navigate(paths.home, { replace: true })} />
        ) : (
          <LoginForm />
        )}
      </Paper>
    </Container>
  );
}
