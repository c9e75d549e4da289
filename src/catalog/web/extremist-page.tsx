/**
 * Check against the Federal list of extremist materials: import a version of the list, start a check
 * of a network's collection, review each match (confirm: flag or withdraw copies; dismiss), print the act.
 */
import {
  Button,
  FileInput,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNetworks } from '../../network/web/api';
import { ZExtremistCheckInput, type TExtremistCheckInput } from '../extremist/extremist.schemas';
import { zodFieldErrors, type FieldErrors } from '../../web/ui/form-errors';
import { api } from '../../web/api/client';
import { EmptyState, QueryState } from '../../web/ui/feedback';
import { notifyError, notifySaved } from '../../web/ui/notify';
import { PageHeader } from '../../web/ui/page-header';
import { DateField } from '../../web/ui/fields';
import { formatDate, todayIso } from '../../web/ui/format';

import { CheckReview, CheckState, type Check, type ListVersion } from './extremist-check-review';

const listLabel = (l: ListVersion) => `${formatDate(l.publishedOn ?? l.createdAt)} (${l.entryCount})`;

export function ExtremistPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  // Every network the person reads; the server refuses a check of one they do not work for.
  const networks = useNetworks();
  const lists = useQuery({
    queryKey: ['extremist-lists'],
    queryFn: () => api.get<{ items: ListVersion[] }>('/api/v1/catalog/extremist/lists'),
  });
  const checks = useQuery({
    queryKey: ['extremist-checks'],
    queryFn: () => api.get<{ items: Check[] }>('/api/v1/catalog/extremist/checks'),
  });
  const [file, setFile] = useState<File | null>(null);
  const [publishedOn, setPublishedOn] = useState('');
  const [form, setForm] = useState({
    networkId: '',
    listId: '',
    checkedOn: todayIso(),
    commission: '',
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [openCheck, setOpenCheck] = useState<string | null>(null);
  const upload = useMutation({
    mutationFn: () =>
      api.upload('/api/v1/catalog/extremist/lists', file!, {
        sourceName: file!.name,
        publishedOn: publishedOn || undefined,
      }),
    onSuccess: () => {
      notifySaved(t('extremist.imported'));
      void queryClient.invalidateQueries({ queryKey: ['extremist-lists'] });
    },
    onError: (error) => notifyError(error),
  });
  const start = useMutation({
    mutationFn: (input: TExtremistCheckInput) => api.post<{ id: string }>('/api/v1/catalog/extremist/checks', input),
    onSuccess: (check) => {
      void queryClient.invalidateQueries({ queryKey: ['extremist-checks'] });
      setOpenCheck(check.id);
    },
    onError: (error) => notifyError(error),
  });
  const submit = () => {
    const parsed = ZExtremistCheckInput.safeParse({
      networkId: form.networkId || networks.data?.[0]?.id,
      listId: form.listId || lists.data?.items[0]?.id,
      checkedOn: form.checkedOn,
      commission: form.commission
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
    });
    setErrors(parsed.success ? {} : zodFieldErrors(parsed.error));
    if (parsed.success) start.mutate(parsed.data);
  };
  const firstError = (prefix: string) => Object.entries(errors).find(([path]) => path.split('.')[0] === prefix)?.[1];
  return (
    <>
      <PageHeader title={t('extremist.title')} />
      <Stack maw={1100}>
        <Paper withBorder p="md">
          <Title order={4} mb="xs">
            {t('extremist.listTitle')}
          </Title>
          <Group align="flex-end">
            <FileInput
              label={t('extremist.file')}
              placeholder={t('extremist.filePlaceholder')}
              value={file}
              onChange={setFile}
              accept=".txt,.csv,text/plain,text/csv"
              clearable
              w={320}
              data-testid="extremist-file"
            />
            <DateField label={t('extremist.publishedOn')} value={publishedOn || null} onChange={(value) => setPublishedOn(value ?? '')} w={200} data-testid="extremist-published-on" />
            <Button
              disabled={!file}
              loading={upload.isPending}
              onClick={() => upload.mutate()}
              data-testid="extremist-upload"
            >
              {t('extremist.upload')}
            </Button>
          </Group>
          <Text size="sm" c="dimmed" mt="sm" data-testid="extremist-versions">
            {lists.data?.items.length
              ? `${t('extremist.versions')}: ${lists.data.items.map(listLabel).join(' · ')}`
              : t('extremist.noLists')}
          </Text>
        </Paper>
        <Paper withBorder p="md">
          <Title order={4} mb="xs">
            {t('extremist.newCheck')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label={t('extremist.network')}
              data={(networks.data ?? []).map((n) => ({ value: n.id, label: n.name }))}
              value={form.networkId || networks.data?.[0]?.id || null}
              onChange={(v) => setForm((f) => ({ ...f, networkId: v ?? '' }))}
              allowDeselect={false}
              error={errors.networkId}
            />
            <Select
              label={t('extremist.list')}
              data={(lists.data?.items ?? []).map((l) => ({ value: l.id, label: listLabel(l) }))}
              value={form.listId || lists.data?.items[0]?.id || null}
              onChange={(v) => setForm((f) => ({ ...f, listId: v ?? '' }))}
              allowDeselect={false}
              error={errors.listId}
            />
            <DateField
              label={t('extremist.checkedOn')}
              value={form.checkedOn || null}
              onChange={(value) => setForm((f) => ({ ...f, checkedOn: value ?? '' }))}
              clearable={false}
              error={errors.checkedOn}
              data-testid="extremist-checked-on"
            />
          </SimpleGrid>
          <Textarea
            mt="sm"
            label={t('extremist.commission')}
            description={t('extremist.commissionHint')}
            value={form.commission}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setForm((f) => ({ ...f, commission: value }));
            }}
            error={firstError('commission')}
            autosize
            minRows={3}
          />
          <Group mt="md">
            <Button loading={start.isPending} onClick={submit} data-testid="extremist-start">
              {t('extremist.start')}
            </Button>
          </Group>
        </Paper>
        <Title order={4}>{t('extremist.history')}</Title>
        <QueryState query={checks}>
          {({ items }) =>
            items.length === 0 ? (
              <EmptyState>{t('extremist.noChecks')}</EmptyState>
            ) : (
              <Table withTableBorder highlightOnHover data-testid="extremist-checks">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('extremist.checkedOn')}</Table.Th>
                    <Table.Th>{t('extremist.network')}</Table.Th>
                    <Table.Th>{t('extremist.recordsChecked')}</Table.Th>
                    <Table.Th>{t('extremist.found')}</Table.Th>
                    <Table.Th>{t('extremist.confirmed')}</Table.Th>
                    <Table.Th>{t('extremist.state')}</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((c) => (
                    <Table.Tr key={c.id}>
                      <Table.Td>{formatDate(c.checkedOn)}</Table.Td>
                      <Table.Td>{c.networkName}</Table.Td>
                      <Table.Td>{c.status === 'matching' ? '—' : c.recordsChecked}</Table.Td>
                      <Table.Td>{c.status === 'matching' ? '—' : c.matchesFound}</Table.Td>
                      <Table.Td>{c.matchesConfirmed}</Table.Td>
                      <Table.Td>
                        <CheckState status={c.status} />
                      </Table.Td>
                      <Table.Td>
                        <Button size="xs" variant="light" onClick={() => setOpenCheck(c.id)}>
                          {c.status === 'open' ? t('extremist.review') : t('extremist.view')}
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )
          }
        </QueryState>
        {openCheck && (
          <Paper withBorder p="md">
            <CheckReview id={openCheck} />
          </Paper>
        )}
      </Stack>
    </>
  );
}
