/**
 * Copy cataloguing: search an SRU server configured by the admin by title, author or ISBN, look at a
 * record found there and import it into the catalogue (a record already here is pointed out first).
 */
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Code,
  Group,
  Modal,
  Pagination,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { IconDownload, IconSearch, IconSettings } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError, api } from '../../web/api/client';
import { paths } from '../../web/paths';
import { EmptyState, ErrorState, LoadingState } from '../../web/ui/feedback';
import { notifyError, notifySaved } from '../../web/ui/notify';
import { PageHeader } from '../../web/ui/page-header';
import { MarcTable } from './record-marc-tab';
import { useSruServers, type CopyHit, type CopyResult } from './copy-api';

const PAGE = 10;

interface Criteria {
  serverId: string;
  title: string;
  author: string;
  isbn: string;
  start: number;
}

function Preview({ hit, serverId, onClose }: { hit: CopyHit; serverId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [isDuplicate, setDuplicate] = useState(false);
  const save = useMutation({
    mutationFn: (allowDuplicate: boolean) =>
      api.post<{ id: string }>(`/api/v1/catalog/sru-servers/${serverId}/import`, { marc: hit.marc, allowDuplicate }),
    onSuccess: (record) => {
      notifySaved(t('copy.imported'));
      void navigate(paths.record(record.id));
    },
    onError: (error) => {
      if (error instanceof ApiError && error.problem.code === 'copy_duplicate') setDuplicate(true);
      else notifyError(error);
    },
  });
  return (
    <Stack gap="sm">
      <Text fw={600}>{hit.title}</Text>
      <Text size="sm" data-testid="copy-preview-description">
        {hit.description}
      </Text>
      {hit.matchId && (
        <Alert color="orange">
          {t('copy.alreadyHere')}{' '}
          <Anchor component={Link} to={paths.record(hit.matchId)}>
            {t('copy.openExisting')}
          </Anchor>
        </Alert>
      )}
      <div style={{ maxHeight: 360, overflow: 'auto' }}>
        <MarcTable marc={hit.marc} />
      </div>
      {isDuplicate && <Alert color="orange">{t('copy.duplicateRefused')}</Alert>}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t('common.close')}
        </Button>
        {hit.matchId || isDuplicate ? (
          <Button
            color="orange"
            loading={save.isPending}
            onClick={() => save.mutate(true)}
            data-testid="copy-import-anyway"
          >
            {t('copy.importAnyway')}
          </Button>
        ) : (
          <Button
            leftSection={<IconDownload size={16} />}
            loading={save.isPending}
            onClick={() => save.mutate(false)}
            data-testid="copy-import"
          >
            {t('copy.import')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}

export function CopyPage() {
  const { t } = useTranslation();
  const servers = useSruServers(true);
  const [form, setForm] = useState({ serverId: '', title: '', author: '', isbn: '' });
  const [criteria, setCriteria] = useState<Criteria | null>(null);
  const [preview, setPreview] = useState<CopyHit | null>(null);
  /** Search pressed with nothing to look for: said at the title field rather than doing nothing. */
  const [empty, setEmpty] = useState(false);
  const serverId = form.serverId || servers.data?.items[0]?.id || '';
  const result = useQuery({
    queryKey: ['copy-search', criteria],
    enabled: criteria !== null,
    queryFn: () =>
      api.get<CopyResult>(`/api/v1/catalog/sru-servers/${criteria!.serverId}/search`, {
        title: criteria!.title,
        author: criteria!.author,
        isbn: criteria!.isbn,
        start: criteria!.start,
        max: PAGE,
      }),
    retry: false,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const nothing = !(form.title.trim() || form.author.trim() || form.isbn.trim());
    setEmpty(nothing);
    if (!serverId || nothing) return;
    setCriteria({ ...form, serverId, start: 1 });
  };
  const page = criteria ? Math.floor((criteria.start - 1) / PAGE) + 1 : 1;
  return (
    <>
      <PageHeader title={t('copy.title')}>
        <Button component={Link} to={paths.sruServers} variant="default" leftSection={<IconSettings size={16} />}>
          {t('sruServers.title')}
        </Button>
      </PageHeader>
      {servers.data && servers.data.items.length === 0 ? (
        <EmptyState>{t('copy.noServers')}</EmptyState>
      ) : (
        <form onSubmit={submit}>
          <Group align="flex-end" mb="md" wrap="wrap">
            <Select
              w={240}
              label={t('copy.server')}
              data={(servers.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
              value={serverId}
              onChange={(v) => setForm((f) => ({ ...f, serverId: v ?? '' }))}
              allowDeselect={false}
              data-testid="copy-server"
            />
            <TextInput
              label={t('copy.titleField')}
              value={form.title}
              error={empty ? t('copy.nothingToFind') : undefined}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setForm((f) => ({ ...f, title: value }));
                setEmpty(false);
              }}
              data-testid="copy-title"
            />
            <TextInput
              label={t('copy.author')}
              value={form.author}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setForm((f) => ({ ...f, author: value }));
              }}
              data-testid="copy-author"
            />
            <TextInput
              label={t('copy.isbn')}
              value={form.isbn}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setForm((f) => ({ ...f, isbn: value }));
              }}
              data-testid="copy-isbn"
            />
            <Button type="submit" leftSection={<IconSearch size={16} />} data-testid="copy-search">
              {t('common.search')}
            </Button>
          </Group>
        </form>
      )}
      {result.isFetching && <LoadingState />}
      {result.isError && <ErrorState error={result.error} />}
      {result.isError && result.error instanceof ApiError && result.error.problem.detail && result.error.problem.detail !== result.error.problem.title && (
        <Text size="sm" c="red" mt={4}>
          {result.error.problem.detail}
        </Text>
      )}
      {result.data && !result.isFetching && (
        <Stack gap="sm">
          <Text size="sm" c="dimmed" data-testid="copy-total">
            {t('copy.found', { count: result.data.total })} · <Code>{result.data.query}</Code>
          </Text>
          {result.data.diagnostics.map((d) => (
            <Alert key={d} color="orange">
              {t('copy.diagnostic', { text: d })}
            </Alert>
          ))}
          {result.data.hits.length > 0 && (
            <Table striped highlightOnHover withTableBorder data-testid="copy-results">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={50}>№</Table.Th>
                  <Table.Th>{t('copy.titleField')}</Table.Th>
                  <Table.Th>{t('copy.author')}</Table.Th>
                  <Table.Th w={70}>{t('recordField.year')}</Table.Th>
                  <Table.Th>{t('copy.isbn')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {result.data.hits.map((hit) => (
                  <Table.Tr key={hit.position} data-testid="copy-row">
                    <Table.Td>{hit.position}</Table.Td>
                    <Table.Td>
                      {hit.title}{' '}
                      {hit.matchId && (
                        <Badge color="orange" tt="none">
                          {t('copy.inCatalogue')}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>{hit.authors.join('; ')}</Table.Td>
                    <Table.Td>{hit.year ?? ''}</Table.Td>
                    <Table.Td>{hit.isbns.join(', ')}</Table.Td>
                    <Table.Td>
                      <Button size="xs" variant="light" onClick={() => setPreview(hit)} data-testid="copy-preview">
                        {t('copy.preview')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {result.data.unreadable.length > 0 && (
            <Text size="sm" c="dimmed">
              {t('copy.unreadable', { count: result.data.unreadable.length })}
            </Text>
          )}
          {result.data.total > PAGE && criteria && (
            <Pagination
              total={Math.ceil(Math.min(result.data.total, 10_000) / PAGE)}
              value={page}
              onChange={(p) => setCriteria({ ...criteria, start: (p - 1) * PAGE + 1 })}
              aria-label={t('common.pagination')}
            />
          )}
        </Stack>
      )}
      <Modal opened={preview !== null} onClose={() => setPreview(null)} title={t('copy.previewTitle')} size="xl">
        {preview && criteria && <Preview hit={preview} serverId={criteria.serverId} onClose={() => setPreview(null)} />}
      </Modal>
    </>
  );
}
