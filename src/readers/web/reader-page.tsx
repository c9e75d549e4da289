/**
 * /staff/readers/:id — a reader's card (each opening is logged by the server): data, registrations per
 * library and year with re-registration, block and unblock with the reason, loans from the desk, the
 * printed card and consent form, duplicates to merge, the reader's own data on request and erasure.
 */
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Menu,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconChevronDown,
  IconEdit,
  IconFileExport,
  IconLock,
  IconLockOpen,
  IconPrinter,
  IconTrash,
} from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../../web/api/client';
import { paths } from '../../web/paths';
import { useSession } from '../../web/session';
import { EmptyState, QueryState } from '../../web/ui/feedback';
import { formatDate } from '../../web/ui/format';
import { notifyError, notifySaved } from '../../web/ui/notify';
import { useDeskLibraries, useDeskLibrary } from '../../web/desk-library';
import { PageHeader } from '../../web/ui/page-header';
import {
  fullName,
  refreshReaders,
  useReader,
  useReaderDuplicates,
  useReaderLoans,
  type ReaderDetail,
  type ReaderRow,
} from './api';
import { BlockModal, EditReaderModal, EraseModal, MergeModal } from './reader-actions';
import { libraryOptions } from '../../network/web/library-options';

const canErase = (role: string) => role === 'network_admin' || role === 'director';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{children || '—'}</Text>
    </div>
  );
}

function Registrations({ reader }: { reader: ReaderDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { libraryId: deskLibraryId } = useDeskLibrary();
  const libraries = useDeskLibraries();
  const [libraryId, setLibraryId] = useState<string | null>(deskLibraryId);
  const year = new Date().getFullYear();
  const done = reader.registrations.some((r) => r.libraryId === libraryId && r.year === year);
  const register = useMutation({
    mutationFn: () => api.post(`/api/v1/readers/${reader.id}/registrations`, { libraryId }),
    onSuccess: () => {
      notifySaved(t('readers.reRegistered', { year }));
      refreshReaders(queryClient);
    },
    onError: (error) => notifyError(error),
  });
  return (
    <section>
      <Group justify="space-between" mb="xs">
        <Title order={3}>{t('readers.registrations')}</Title>
        {!reader.isAnonymised && !reader.mergedIntoId && (
          <Group gap="xs">
            <Select
              aria-label={t('readers.library')}
              size="xs"
              w={240}
              searchable
              data={libraryOptions((libraries.data?.items ?? []).filter((l) => l.networkId === reader.networkId))}
              value={libraryId}
              onChange={setLibraryId}
            />
            <Button
              size="xs"
              disabled={!libraryId || done}
              loading={register.isPending}
              onClick={() => register.mutate()}
              data-testid="re-register"
            >
              {t('readers.reRegister', { year })}
            </Button>
          </Group>
        )}
      </Group>
      {reader.registrations.length === 0 ? (
        <EmptyState>{t('readers.noRegistrations')}</EmptyState>
      ) : (
        <Table verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('readers.year')}</Table.Th>
              <Table.Th>{t('readers.library')}</Table.Th>
              <Table.Th>{t('readers.kind')}</Table.Th>
              <Table.Th>{t('readers.validUntil')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {reader.registrations.map((r) => (
              <Table.Tr key={r.id} data-testid="registration-row">
                <Table.Td>{r.year}</Table.Td>
                <Table.Td>{r.libraryName}</Table.Td>
                <Table.Td>{t(`readers.kinds.${r.kind}`)}</Table.Td>
                <Table.Td>{formatDate(r.expiresOn)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </section>
  );
}

function Loans({ readerId }: { readerId: string }) {
  const { t } = useTranslation();
  const loans = useReaderLoans(readerId);
  return (
    <section>
      <Title order={3} mb="xs">
        {t('readers.loans')}
      </Title>
      <QueryState query={loans}>
        {(data) => (
          <>
            <Text size="sm" c="dimmed" mb="xs">
              {t('readers.loanTotals', { open: data.open.length, total: data.totalLoans, visits: data.visits })}
            </Text>
            {data.open.length > 0 && (
              <Table verticalSpacing={4}>
                <Table.Tbody>
                  {data.open.map((l) => (
                    <Table.Tr key={l.loanId}>
                      <Table.Td ff="monospace">{l.barcode}</Table.Td>
                      <Table.Td>{l.title}</Table.Td>
                      <Table.Td>{l.libraryName}</Table.Td>
                      <Table.Td c={l.isOverdue ? 'red' : undefined}>{formatDate(l.dueOn)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </>
        )}
      </QueryState>
    </section>
  );
}

function Duplicates({ reader }: { reader: ReaderDetail }) {
  const { t } = useTranslation();
  const duplicates = useReaderDuplicates(reader.id, !reader.isAnonymised && !reader.mergedIntoId);
  const [merging, setMerging] = useState<ReaderRow | null>(null);
  if (!duplicates.data?.length) return null;
  return (
    <Alert color="orange" title={t('readers.duplicatesFound')} data-testid="reader-duplicates">
      {duplicates.data.map((d) => (
        <Group key={d.id} justify="space-between" mb={4}>
          <Anchor component={Link} to={paths.reader(d.id)} size="sm">
            {fullName(d)} — {d.cardNumber}
          </Anchor>
          <Button size="xs" variant="light" color="orange" onClick={() => setMerging(d)} data-testid="merge-duplicate">
            {t('readers.mergeHere')}
          </Button>
        </Group>
      ))}
      <MergeModal reader={reader} duplicate={merging} onClose={() => setMerging(null)} />
    </Alert>
  );
}

function ReaderCard({ reader }: { reader: ReaderDetail }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const queryClient = useQueryClient();
  const [search] = useSearchParams();
  const [isEditing, editing] = useDisclosure(false);
  const [isBlocking, blocking] = useDisclosure(false);
  const [isErasing, erasing] = useDisclosure(false);
  const unblock = useMutation({
    mutationFn: () => api.post(`/api/v1/readers/${reader.id}/unblock`, {}),
    onSuccess: () => {
      notifySaved(t('readers.unblockedDone'));
      refreshReaders(queryClient);
    },
    onError: (error) => notifyError(error),
  });
  const isActive = !reader.isAnonymised && !reader.mergedIntoId;
  const title = reader.isAnonymised ? t('readers.anonymisedName') : fullName(reader);
  return (
    <Stack gap="lg">
      <PageHeader
        title={
          <Group gap="xs">
            <span data-testid="reader-title">{title}</span>
            {reader.isBlocked && <Badge color="red">{t('readers.blocked')}</Badge>}
            {reader.isAnonymised && <Badge color="gray">{t('readers.anonymised')}</Badge>}
          </Group>
        }
      >
        {isActive && (
          <>
            <Button
              component="a"
              href={`/api/v1/readers/${reader.id}/card.pdf`}
              target="_blank"
              leftSection={<IconPrinter size={16} />}
              data-testid="print-card"
            >
              {t('readers.printCard')}
            </Button>
            <Button
              variant="default"
              leftSection={<IconEdit size={16} />}
              onClick={editing.open}
              data-testid="reader-edit"
            >
              {t('readers.edit')}
            </Button>
            {reader.isBlocked ? (
              <Button
                variant="default"
                leftSection={<IconLockOpen size={16} />}
                loading={unblock.isPending}
                onClick={() => unblock.mutate()}
                data-testid="reader-unblock"
              >
                {t('readers.unblock')}
              </Button>
            ) : (
              <Button
                variant="default"
                color="red"
                leftSection={<IconLock size={16} />}
                onClick={blocking.open}
                data-testid="reader-block"
              >
                {t('readers.block')}
              </Button>
            )}
            <Menu position="bottom-end">
              <Menu.Target>
                <Button variant="default" rightSection={<IconChevronDown size={14} />} data-testid="reader-more">
                  {t('readers.more')}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item
                  component="a"
                  href={`/api/v1/readers/${reader.id}/card.pdf?layout=a4`}
                  target="_blank"
                  leftSection={<IconPrinter size={14} />}
                >
                  {t('readers.printCardA4')}
                </Menu.Item>
                <Menu.Item
                  component="a"
                  href={`/api/v1/readers/${reader.id}/consent.pdf`}
                  target="_blank"
                  leftSection={<IconPrinter size={14} />}
                >
                  {t('readers.printConsent')}
                </Menu.Item>
                <Menu.Divider />
                <Menu.Label>{t('readers.ownData')}</Menu.Label>
                <Menu.Item
                  component="a"
                  href={`/api/v1/readers/${reader.id}/data.pdf`}
                  leftSection={<IconFileExport size={14} />}
                >
                  {t('readers.exportPdf')}
                </Menu.Item>
                <Menu.Item
                  component="a"
                  href={`/api/v1/readers/${reader.id}/data.json`}
                  leftSection={<IconFileExport size={14} />}
                >
                  {t('readers.exportJson')}
                </Menu.Item>
                {canErase(user.role) && (
                  <Menu.Item
                    color="red"
                    leftSection={<IconTrash size={14} />}
                    onClick={erasing.open}
                    data-testid="reader-erase"
                  >
                    {t('readers.erase')}
                  </Menu.Item>
                )}
              </Menu.Dropdown>
            </Menu>
          </>
        )}
      </PageHeader>
      {search.get('registered') && isActive && (
        <Alert color="teal" data-testid="registered-notice">
          {t('readers.registeredNotice', { card: reader.cardNumber })}
        </Alert>
      )}
      {reader.mergedIntoId && (
        <Alert color="gray">
          {t('readers.mergedInto')}{' '}
          <Anchor component={Link} to={paths.reader(reader.mergedIntoId)}>
            {t('readers.openMain')}
          </Anchor>
        </Alert>
      )}
      {reader.isBlocked && (
        <Alert color="red" title={t('readers.blocked')}>
          {reader.blockReason} ({formatDate(reader.blockedAt)})
        </Alert>
      )}
      <Duplicates reader={reader} />
      <Card withBorder>
        <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
          <Field label={t('readers.cardNumber')}>
            <span data-testid="reader-card">{reader.cardNumber}</span>
          </Field>
          <Field label={t('readers.birthDate')}>
            {reader.birthDate
              ? `${formatDate(reader.birthDate)} (${t('readers.ageValue', { age: reader.age ?? 0 })})`
              : reader.birthYear}
          </Field>
          <Field label={t('readers.category')}>{reader.categoryName}</Field>
          <Field label={t('readers.sex')}>{reader.sex ? t(`readers.sexes.${reader.sex}`) : ''}</Field>
          <Field label={t('readers.phone')}>{reader.phone}</Field>
          <Field label={t('readers.email')}>{reader.email}</Field>
          <Field label={t('readers.address')}>{reader.address}</Field>
          <Field label={t('readers.consent')}>
            {reader.consentDate ? `${formatDate(reader.consentDate)}, ${reader.consentVersion}` : ''}
          </Field>
          {(reader.guardianName || reader.guardianPhone) && (
            <Field
              label={t('readers.guardian')}
            >{`${reader.guardianName} (${reader.guardianRelation}), ${reader.guardianPhone}`}</Field>
          )}
          {reader.notes && <Field label={t('readers.notes')}>{reader.notes}</Field>}
        </SimpleGrid>
      </Card>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <Registrations reader={reader} />
        <Loans readerId={reader.id} />
      </SimpleGrid>
      <EditReaderModal reader={reader} opened={isEditing} onClose={editing.close} />
      <BlockModal reader={reader} opened={isBlocking} onClose={blocking.close} />
      <EraseModal reader={reader} opened={isErasing} onClose={erasing.close} />
    </Stack>
  );
}

export function ReaderPage() {
  const { id = '' } = useParams();
  const reader = useReader(id);
  return <QueryState query={reader}>{(r) => <ReaderCard reader={r} />}</QueryState>;
}
