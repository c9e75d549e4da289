/** ИРИ: one's own subscriptions to topics (saved searches over the catalogue) and the inbox of digests. */
import { Anchor, Badge, Button, Card, Checkbox, Group, List, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../web/api/client';
import { paths } from '../../web/paths';
import { EmptyState, FormAlert, QueryState } from '../../web/ui/feedback';
import { enumOptions } from '../../web/ui/fields';
import { formatDate, formatDateTime } from '../../web/ui/format';
import { notifyError, notifySaved } from '../../web/ui/notify';
import { PageHeader } from '../../web/ui/page-header';
import { Pager } from '../../web/ui/table-parts';
import { useFormFeedback } from '../../web/ui/use-form-feedback';
import { DIGEST_FREQUENCIES, ZSubscriptionInput, type TSubscriptionInput } from '../municipal.schemas';
import { refreshMunicipalData, useDigests, useSubscriptions, type Subscription } from './api';

function SubscribeForm() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm({ initialValues: { topic: '', query: { q: '', subject: '', author: '' }, frequency: 'weekly', isEmailed: true } });
  const feedback = useFormFeedback(form);
  const save = useMutation({
    mutationFn: (input: TSubscriptionInput) => api.post('/api/v1/municipal/subscriptions', input),
    onSuccess: () => {
      notifySaved(t('subscriptions.created'));
      form.reset();
      refreshMunicipalData(queryClient);
    },
    onError: (error) => feedback.fail(error),
  });
  const submit = form.onSubmit((v) => {
    const blank = (s: string) => s.trim() || undefined;
    const input = feedback.validate(ZSubscriptionInput, { ...v, query: { q: blank(v.query.q), subject: blank(v.query.subject), author: blank(v.query.author) } });
    if (input) save.mutate(input);
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormAlert messages={feedback.general} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('subscriptions.topic')} required data-testid="subscription-topic" {...form.getInputProps('topic')} />
          <Select label={t('subscriptions.frequency')} data={enumOptions(DIGEST_FREQUENCIES, (f) => t(`frequency.${f}`))} allowDeselect={false} {...form.getInputProps('frequency')} />
          <TextInput label={t('subscriptions.words')} {...form.getInputProps('query.q')} />
          <TextInput label={t('subscriptions.subject')} {...form.getInputProps('query.subject')} />
          <TextInput label={t('subscriptions.author')} {...form.getInputProps('query.author')} />
          <Checkbox label={t('subscriptions.isEmailed')} mt="lg" {...form.getInputProps('isEmailed', { type: 'checkbox' })} />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending} data-testid="subscription-save">
            {t('subscriptions.subscribe')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function SubscriptionRow({ s }: { s: Subscription }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const act = useMutation({
    mutationFn: (what: 'digest' | 'delete' | 'toggle') =>
      what === 'digest'
        ? api.post(`/api/v1/municipal/subscriptions/${s.id}/digest`, {})
        : what === 'delete'
          ? api.delete(`/api/v1/municipal/subscriptions/${s.id}`)
          : api.put(`/api/v1/municipal/subscriptions/${s.id}`, { topic: s.topic, query: s.query, frequency: s.frequency, isEmailed: s.isEmailed, isActive: !s.isActive }),
    onSuccess: () => refreshMunicipalData(queryClient),
    onError: (error) => notifyError(error),
  });
  const query = [s.query.q, s.query.subject && `${t('subscriptions.subject')}: ${s.query.subject}`, s.query.author && `${t('subscriptions.author')}: ${s.query.author}`].filter(Boolean).join('; ');
  return (
    <Table.Tr data-testid="subscription-row">
      <Table.Td fw={500}>{s.topic}</Table.Td>
      <Table.Td>{query}</Table.Td>
      <Table.Td>{t(`frequency.${s.frequency}`)}</Table.Td>
      <Table.Td>{s.lastRunAt ? formatDateTime(s.lastRunAt) : '—'}</Table.Td>
      <Table.Td>
        <Badge variant="light" color={s.isActive ? 'teal' : 'gray'}>{s.isActive ? t('common.active') : t('common.inactive')}</Badge>
      </Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          <Button size="xs" variant="light" onClick={() => act.mutate('digest')}>{t('subscriptions.runNow')}</Button>
          <Button size="xs" variant="subtle" onClick={() => act.mutate('toggle')}>{s.isActive ? t('subscriptions.pause') : t('subscriptions.resume')}</Button>
          <Button size="xs" variant="subtle" color="red" onClick={() => act.mutate('delete')}>{t('subscriptions.unsubscribe')}</Button>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

export function SubscriptionsPage() {
  const { t } = useTranslation();
  const subscriptions = useSubscriptions();
  const [page, setPage] = useState(1);
  const digests = useDigests(page);
  return (
    <>
      <PageHeader title={t('subscriptions.title')} />
      <Stack>
        <Card withBorder>
          <QueryState query={subscriptions}>
            {(list) =>
              list.length === 0 ? (
                <EmptyState>{t('subscriptions.empty')}</EmptyState>
              ) : (
                <Table.ScrollContainer minWidth={800}>
                  <Table>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('subscriptions.topic')}</Table.Th>
                        <Table.Th>{t('subscriptions.query')}</Table.Th>
                        <Table.Th>{t('subscriptions.frequency')}</Table.Th>
                        <Table.Th>{t('subscriptions.lastRun')}</Table.Th>
                        <Table.Th />
                        <Table.Th />
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>{list.map((s) => <SubscriptionRow key={s.id} s={s} />)}</Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              )
            }
          </QueryState>
        </Card>
        <Card withBorder>
          <Title order={4} mb="sm">{t('subscriptions.add')}</Title>
          <SubscribeForm />
        </Card>
        <Title order={3}>{t('subscriptions.inbox')}</Title>
        <QueryState query={digests}>
          {(data) => (
            <>
              {data.items.length === 0 && <EmptyState>{t('subscriptions.noDigests')}</EmptyState>}
              {data.items.map((d) => (
                <Card key={d.id} withBorder>
                  <Group justify="space-between">
                    <Text fw={600}>{d.topic}</Text>
                    <Text size="xs" c="dimmed">{formatDate(d.createdAt)}</Text>
                  </Group>
                  <List size="sm" mt="xs">
                    {d.items.map((i) => (
                      <List.Item key={i.recordId}>
                        <Anchor component={Link} to={paths.record(i.recordId)} size="sm">{i.title}</Anchor>
                        {i.year ? ` (${i.year})` : ''}
                      </List.Item>
                    ))}
                  </List>
                </Card>
              ))}
              <Pager page={page} pageSize={10} total={data.total} onChange={setPage} />
            </>
          )}
        </QueryState>
      </Stack>
    </>
  );
}
