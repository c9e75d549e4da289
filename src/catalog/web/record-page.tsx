/** One bibliographic record: its description, its copies by library and its raw MARC. */
import { Alert, Badge, Button, Group, Modal, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { IconEdit, IconPrinter, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { api } from '../../web/api/client';
import { paths } from '../../web/paths';
import { canPrintCards } from '../../web/permissions';
import { useSession } from '../../web/session';
import { QueryState } from '../../web/ui/feedback';
import { notifyError, notifySaved } from '../../web/ui/notify';
import { formatDateTime } from '../../web/ui/format';
import { useRecord, type RecordDetail } from './api';
import { languageName } from './language-name';
import { RecordCopiesTab } from './record-copies-tab';
import { RecordForm } from './record-form';
import { RecordMarcTab } from './record-marc-tab';
import { ExtremistRecordMark } from './extremist-record-mark';

function DescriptionTab({ record }: { record: RecordDetail }) {
  const { t } = useTranslation();
  const rows: [string, string][] = [
    [t('recordField.title'), record.title],
    [t('recordField.otherTitle'), record.otherTitle],
    [t('recordField.responsibility'), record.responsibility],
    [t('recordField.authors'), record.authors.join('; ')],
    [t('recordField.edition'), record.edition],
    [t('recordField.place'), record.place],
    [t('recordField.publisher'), record.publisher],
    [t('recordField.year'), record.year ? String(record.year) : ''],
    [t('recordField.extent'), record.extent],
    [t('recordField.series'), record.series],
    [t('recordField.isbns'), record.form.isbns.join(', ')],
    [t('recordField.issn'), record.issn],
    [t('recordField.bbk'), record.bbk.join('; ')],
    [t('recordField.udc'), record.udc.join('; ')],
    [t('recordField.language'), record.language ? languageName(t, record.language) : ''],
    [t('recordField.subjects'), record.subjects.join('; ')],
    [t('recordField.ageLabel'), record.ageLabel ?? ''],
    [t('recordField.materialType'), t(`materialType.${record.materialType}`)],
    // 300 (MARC 21 500) and 330 (520): the general note is not the form's annotation.
    [t('recordField.notes'), record.notes],
    [t('recordField.summary'), record.summary],
    [t('recordField.authorMark'), record.authorMark],
    [t('recordField.suggestedCallNumber'), record.suggestedCallNumber],
    [t('recordField.controlNumber'), [record.controlNumber, record.controlSource].filter(Boolean).join(' / ')],
    [t('recordField.format'), t(`marcFormat.${record.format}`)],
    [t('recordField.updatedAt'), formatDateTime(record.updatedAt)],
  ];
  return (
    <Table variant="vertical" layout="fixed" withTableBorder data-testid="record-fields">
      <Table.Tbody>
        {rows
          .filter(([, value]) => value)
          .map(([label, value]) => (
            <Table.Tr key={label}>
              {/* A phone gives the values room; long codes (the control number) break rather than widen the page. */}
              <Table.Th w={{ base: '40%', sm: 280 }}>{label}</Table.Th>
              <Table.Td style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{value}</Table.Td>
            </Table.Tr>
          ))}
      </Table.Tbody>
    </Table>
  );
}

/** Asks, then deletes; the server refuses while copies other than written-off ones remain. */
function DeleteRecordButton({ record }: { record: RecordDetail }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [isAsking, setAsking] = useState(false);
  const liveCopies = record.copies.flatMap((c) => c.items).filter((i) => i.status !== 'written_off').length;
  const remove = useMutation({
    mutationFn: () => api.delete(`/api/v1/catalog/records/${record.id}`),
    onSuccess: () => {
      notifySaved(t('recordPage.deletedNotice'));
      void queryClient.invalidateQueries({ queryKey: ['catalog-search'] });
      void navigate(paths.catalog);
    },
    onError: (error) => {
      setAsking(false);
      notifyError(error);
    },
  });
  return (
    <>
      <Button
        color="red"
        variant="light"
        leftSection={<IconTrash size={16} />}
        onClick={() => setAsking(true)}
        disabled={liveCopies > 0}
        title={liveCopies > 0 ? t('recordPage.deleteHasCopies', { count: liveCopies }) : undefined}
        data-testid="record-delete"
      >
        {t('recordPage.delete')}
      </Button>
      <Modal opened={isAsking} onClose={() => setAsking(false)} title={t('recordPage.deleteTitle')} centered>
        <Text mb="lg">{t('recordPage.deleteText', { title: record.title })}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setAsking(false)} data-autofocus>
            {t('common.cancel')}
          </Button>
          <Button color="red" loading={remove.isPending} onClick={() => remove.mutate()} data-testid="record-delete-confirm">
            {t('recordPage.delete')}
          </Button>
        </Group>
      </Modal>
    </>
  );
}

const RECORD_TABS = ['description', 'items', 'marc'] as const;

function RecordView({ record }: { record: RecordDetail }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const [isEditing, setEditing] = useState(false);
  // ?tab=items opens the copies (a scanned barcode leads there).
  const [search] = useSearchParams();
  const [tab, setTab] = useState<string | null>(RECORD_TABS.find((k) => k === search.get('tab')) ?? 'description');
  return (
    <>
      {/* On a phone the buttons go under the title, and onto more lines, rather than off the screen. */}
      <Group justify="space-between" align="flex-start" mb="sm">
        <Stack gap={4} style={{ flex: '1 1 18rem', minWidth: 0 }}>
          <Title order={2} data-testid="record-title">
            {record.title}
          </Title>
          {record.authors.length > 0 && <Text>{record.authors.join('; ')}</Text>}
        </Stack>
        {!record.isDeleted && (
          <Group gap="sm">
            {canPrintCards(user.role) && (
              <Button
                variant="default"
                component="a"
                href={`/api/v1/catalog/cards.pdf?layout=a4&recordIds=${record.id}`}
                target="_blank"
                rel="noopener"
                leftSection={<IconPrinter size={16} />}
                data-testid="record-print-card"
              >
                {t('recordPage.printCard')}
              </Button>
            )}
            {record.permissions.canEdit && (
              <>
                <DeleteRecordButton record={record} />
                <Button leftSection={<IconEdit size={16} />} onClick={() => setEditing(true)} data-testid="record-edit">
                  {t('recordPage.edit')}
                </Button>
              </>
            )}
          </Group>
        )}
      </Group>
      {record.isDeleted && (
        <Alert color="orange" mb="sm">
          {t('recordPage.deleted')}
        </Alert>
      )}
      <Text size="sm" c="dimmed" mb="sm" data-testid="record-description">
        {record.description}
      </Text>
      <Group gap={4} mb="md">
        {/* A library whose copies are all written off holds none: it is not named here (its rows stay on the copies tab). */}
        {record.copies.filter((c) => c.total > 0).map((c) => (
          <Badge key={c.libraryId} variant="light" color={c.available > 0 ? 'teal' : 'gray'} tt="none">
            {c.libraryName}: {t('items.copiesOf', { available: c.available, total: c.total })}
          </Badge>
        ))}
      </Group>
      <ExtremistRecordMark recordId={record.id} />
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="description" data-testid="tab-description">
            {t('recordPage.tabDescription')}
          </Tabs.Tab>
          <Tabs.Tab value="items" data-testid="tab-items">
            {t('recordPage.tabItems')} ({record.copies.reduce((n, c) => n + c.total, 0)})
          </Tabs.Tab>
          <Tabs.Tab value="marc" data-testid="tab-marc">
            {t('recordPage.tabMarc')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="description">
          <DescriptionTab record={record} />
        </Tabs.Panel>
        <Tabs.Panel value="items">
          <RecordCopiesTab record={record} />
        </Tabs.Panel>
        <Tabs.Panel value="marc">
          <RecordMarcTab record={record} />
        </Tabs.Panel>
      </Tabs>
      <Modal opened={isEditing} onClose={() => setEditing(false)} title={t('recordPage.editTitle')} size="xl">
        {isEditing && (
          <RecordForm
            recordId={record.id}
            initial={record.form}
            version={record.updatedAt}
            onSaved={() => setEditing(false)}
            onCancel={() => setEditing(false)}
          />
        )}
      </Modal>
    </>
  );
}

export function RecordPage() {
  const { id = '' } = useParams();
  const query = useRecord(id);
  return <QueryState query={query}>{(record) => <RecordView record={record} />}</QueryState>;
}
