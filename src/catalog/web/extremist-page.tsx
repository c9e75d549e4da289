/**
 * Check against the Federal list of extremist materials: import a version of the list, start a check
 * of a network's collection, review each match (confirm: withhold or withdraw copies; dismiss), print the
 * act. The history of checks is paged; the check opened is scrolled to and its heading focused.
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
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { useNetworks } from '../../network/web/api';
import { ZExtremistCheckInput, type TExtremistCheckInput } from '../extremist/extremist.schemas';
import { issueMessage, type FieldErrors } from '../../web/ui/form-errors';
import { api } from '../../web/api/client';
import { EmptyState, QueryState } from '../../web/ui/feedback';
import { notifyError, notifySaved } from '../../web/ui/notify';
import { PageHeader } from '../../web/ui/page-header';
import { DateField } from '../../web/ui/fields';
import { Pager } from '../../web/ui/table-parts';
import { formatDate, todayIso } from '../../web/ui/format';

import { CheckReview, CheckState, type Check, type ListVersion } from './extremist-check-review';
import { ListReadReport, type ListRead } from './extremist-list-read';
import { useListVersions, versionLabel, VersionSelect } from './extremist-versions';

const HISTORY_PAGE = 20;
/** The schema's own checks (extremist.schemas.ts), worded in the page's texts. */
const OWN_MESSAGES = ['extremist_date_future', 'extremist_date_early', 'extremist_commission_small'] as const;
const isOwn = (message: string): message is (typeof OWN_MESSAGES)[number] =>
  (OWN_MESSAGES as readonly string[]).includes(message);

/** The first message per field; the schema's own checks in the page's words. */
export function checkFormErrors(t: TFunction, error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.');
    errors[path] ??= isOwn(issue.message) ? t(`extremist.errors.${issue.message}`) : issueMessage(issue);
  }
  return errors;
}

export function ExtremistPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  // Every network the person reads; the server refuses a check of one they do not work for.
  const networks = useNetworks();
  // The latest version: the line under the upload and the version a new check takes unless told.
  const lists = useListVersions('', 1);
  const latest = lists.data?.items[0] ?? null;
  const [page, setPage] = useState(1);
  const checks = useQuery({
    queryKey: ['extremist-checks', page],
    queryFn: () =>
      api.get<{ items: Check[]; total: number }>('/api/v1/catalog/extremist/checks', { page, pageSize: HISTORY_PAGE }),
    placeholderData: keepPreviousData,
  });
  const [file, setFile] = useState<File | null>(null);
  const [publishedOn, setPublishedOn] = useState('');
  const [form, setForm] = useState({
    networkId: '',
    checkedOn: todayIso(),
    commission: '',
  });
  const [list, setList] = useState<ListVersion | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  // The check shown under the history; `seq` counts the openings, so opening it again scrolls to it again.
  const [openCheck, setOpenCheck] = useState<{ id: string; seq: number } | null>(null);
  const open = (id: string) => setOpenCheck((o) => ({ id, seq: (o?.seq ?? 0) + 1 }));
  /** What the last upload read, and what of its file it did not read as entries. */
  const [read, setRead] = useState<ListRead | null>(null);
  const upload = useMutation({
    mutationFn: () =>
      api.upload<ListRead>('/api/v1/catalog/extremist/lists', file!, {
        sourceName: file!.name,
        publishedOn: publishedOn || undefined,
      }),
    onSuccess: (result) => {
      setRead(result);
      notifySaved(t('extremist.imported'));
      void queryClient.invalidateQueries({ queryKey: ['extremist-lists'] });
    },
    onError: (error) => notifyError(error),
  });
  const start = useMutation({
    mutationFn: (input: TExtremistCheckInput) => api.post<{ id: string }>('/api/v1/catalog/extremist/checks', input),
    onSuccess: (check) => {
      void queryClient.invalidateQueries({ queryKey: ['extremist-checks'] });
      // Started: the commission is cleared, so a second click starts no second check.
      setForm((f) => ({ ...f, commission: '' }));
      setPage(1);
      open(check.id);
    },
    onError: (error) => notifyError(error),
  });
  const submit = () => {
    const parsed = ZExtremistCheckInput.safeParse({
      networkId: form.networkId || networks.data?.[0]?.id,
      listId: (list ?? latest)?.id,
      checkedOn: form.checkedOn,
      commission: form.commission
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
    });
    setErrors(parsed.success ? {} : checkFormErrors(t, parsed.error));
    if (parsed.success && !start.isPending) start.mutate(parsed.data);
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
            <DateField
              label={t('extremist.publishedOn')}
              value={publishedOn || null}
              onChange={(value) => setPublishedOn(value ?? '')}
              w={200}
              data-testid="extremist-published-on"
            />
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
            {latest
              ? t('extremist.versionsCount', { count: lists.data?.total ?? 1, latest: versionLabel(t, latest) })
              : t('extremist.noLists')}
          </Text>
          {read && <ListReadReport read={read} onClose={() => setRead(null)} />}
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
            <VersionSelect
              label={t('extremist.list')}
              value={list ?? latest}
              onChange={setList}
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
            data-testid="extremist-commission"
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
                        <Button size="xs" variant="light" onClick={() => open(c.id)} data-testid="extremist-open-check">
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
        {(checks.data?.total ?? 0) > 0 && (
          <Pager page={page} pageSize={HISTORY_PAGE} total={checks.data?.total ?? 0} onChange={setPage} />
        )}
        {openCheck && (
          <Paper withBorder p="md">
            <CheckReview key={`${openCheck.id}-${openCheck.seq}`} id={openCheck.id} focusOnLoad />
          </Paper>
        )}
      </Stack>
    </>
  );
}
