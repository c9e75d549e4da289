/** Loading, empty and error states, the same everywhere. */
import { Alert, Button, Center, Group, List, Loader, Text } from '@mantine/core';
import { IconAlertTriangle, IconLock } from '@tabler/icons-react';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

export function LoadingState() {
  const { t } = useTranslation();
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Group gap="sm">
        <Loader size="sm" />
        <Text c="dimmed">{t('common.loading')}</Text>
      </Group>
    </Center>
  );
}

export function EmptyState({ children }: { children: ReactNode }) {
  return (
    <Text c="dimmed" py="md" role="status">
      {children}
    </Text>
  );
}

export function NoRights() {
  const { t } = useTranslation();
  return (
    <Alert color="orange" icon={<IconLock size={18} />} title={t('errors.forbiddenTitle')} role="alert">
      {t('errors.forbidden')}
    </Alert>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  if (error instanceof ApiError && error.status === 403) return <NoRights />;
  const isMissing = error instanceof ApiError && error.status === 404;
  return (
    <Alert
      color="red"
      icon={<IconAlertTriangle size={18} />}
      title={isMissing ? t('errors.notFoundTitle') : undefined}
      role="alert"
    >
      <Group justify="space-between">
        <Text size="sm">
          {isMissing ? t('errors.notFound') : error instanceof ApiError ? error.problem.title : t('errors.unknown')}
        </Text>
        {onRetry && !isMissing && (
          <Button size="xs" variant="light" color="red" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        )}
      </Group>
    </Alert>
  );
}

/** Renders a query's data, or its loading or error state. */
export function QueryState<T>({ query, children }: { query: UseQueryResult<T>; children: (data: T) => ReactNode }) {
  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  return <>{children(query.data)}</>;
}

/** Messages of a failed save that no single field could show. */
export function FormAlert({ messages }: { messages: string[] }) {
  const { t } = useTranslation();
  if (!messages.length) return null;
  return (
    <Alert color="red" title={t('errors.otherErrors')} role="alert">
      <List size="sm">
        {messages.map((m) => (
          <List.Item key={m}>{m}</List.Item>
        ))}
      </List>
    </Alert>
  );
}
