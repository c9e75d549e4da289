/** The copies of a record, grouped by library, with adding, changing and status changes. */
import { ActionIcon, Anchor, Button, Group, Menu, Stack, Table, Text, Title } from '@mantine/core';
import { IconDots, IconPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLibraries } from '../../network/web/api';
import { api } from '../../web/api/client';
import { OPTIONS_PAGE_SIZE } from '../../web/api/types';
import { canEditCopies, isManager } from '../../web/permissions';
import { useSession } from '../../web/session';
import { EmptyState } from '../../web/ui/feedback';
import { ConfirmModal } from '../../web/ui/confirm-modal';
import { formatDate, formatMoney } from '../../web/ui/format';
import { notifyError, notifySaved } from '../../web/ui/notify';
import { WrappingBadge } from '../../web/ui/wrapping-badge';
import { statusesByHand, type TItemStatus } from '../catalog.schemas';
import { refreshCatalog, type Item, type RecordDetail } from './api';
import { ItemForm } from './item-form';
import { LabelsPrint } from './labels-print';
import { notesWith, WriteOffModal } from './write-off-modal';
import { libraryLabel } from '../../network/web/library-options';

export const STATUS_COLOR: Record<TItemStatus, string> = {
  available: 'teal',
  on_loan: 'blue',
  in_transit: 'cyan',
  at_service_point: 'indigo',
  in_repair: 'yellow',
  lost: 'red',
  written_off: 'gray',
};

/** A copy's status; a copy withheld by a check against the list of extremist materials is named so. */
export function StatusBadge({ status, isWithheld = false }: { status: TItemStatus; isWithheld?: boolean }) {
  const { t } = useTranslation();
  return (
    <WrappingBadge color={isWithheld && status !== 'written_off' ? 'orange' : STATUS_COLOR[status]} variant="light">
      {isWithheld && status === 'in_repair' ? t('items.withheld') : t(`itemStatus.${status}`)}
    </WrappingBadge>
  );
}

export function RecordCopiesTab({ record }: { record: RecordDetail }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const queryClient = useQueryClient();
  const libraries = useLibraries({ pageSize: OPTIONS_PAGE_SIZE });
  const [editing, setEditing] = useState<Item | 'new' | null>(null);
  /** The copy whose write-off is being confirmed. */
  const [writingOff, setWritingOff] = useState<Item | null>(null);
  /** The copy being marked lost, once confirmed (one click in the menu must not lose a copy). */
  const [losing, setLosing] = useState<Item | null>(null);
  /** Copies added on this page: what the next labels are printed for. */
  const [added, setAdded] = useState<string[]>([]);
  const allowed = new Set(record.permissions.copyLibraryIds);
  const names = new Map<string, string>(record.copies.map((c) => [c.libraryId, c.libraryName]));
  for (const lib of libraries.data?.items ?? []) names.set(lib.id, libraryLabel(lib, libraries.data?.items ?? []));
  // The caller's own library first, then the others in the network's order (the central library, the
  // branches by number), as the list of libraries shows them.
  const ordered = [user.libraryId, ...(libraries.data?.items ?? []).map((lib) => lib.id), ...allowed];
  const options = [...new Set(ordered)]
    .filter((id): id is string => id !== null && allowed.has(id))
    .map((id) => ({ value: id, label: names.get(id) ?? id }));
  // Labels: copy editors print the copies of their scope; the network's managers print every copy shown.
  const printable = record.copies
    .flatMap((g) => g.items.map((item) => ({ ...item, libraryName: g.libraryName })))
    .filter((item) => (item.canEdit || isManager(user.role)) && item.status !== 'written_off');
  const status = useMutation({
    mutationFn: ({ id, value, notes }: { id: string; value: TItemStatus; notes?: string }) =>
      api.post<Item>(`/api/v1/catalog/items/${id}/status`, { status: value, notes }),
    onSuccess: () => {
      notifySaved(t('items.statusChanged'));
      refreshCatalog(queryClient, record.id);
    },
    onError: (error) => notifyError(error),
  });

  return (
    <Stack>
      <Group justify="space-between">
        {options.length === 0 && canEditCopies(user.role) ? (
          <Text size="sm" c="dimmed">
            {t('items.cannotAdd')}
          </Text>
        ) : (
          <span />
        )}
        <Group gap="xs">
          {printable.length > 0 && <LabelsPrint copies={printable} added={added} />}
          {options.length > 0 && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-testid="items-add">
              {t('items.add')}
            </Button>
          )}
        </Group>
      </Group>
      {record.copies.length === 0 && <EmptyState>{t('items.empty')}</EmptyState>}
      {record.copies.map((group) => (
        <Stack key={group.libraryId} gap="xs">
          <Group justify="space-between" align="baseline" wrap="nowrap">
            <Title order={4}>
              {group.libraryName}{' '}
              <Text span size="sm" c="dimmed">
                {group.networkName} ·{' '}
                {group.total > 0
                  ? t('items.copiesOf', { available: group.available, total: group.total })
                  : t('items.allWrittenOff', { count: group.items.length })}
              </Text>
            </Title>
            {group.canPrintCard && (
              <Anchor
                size="sm"
                href={`/api/v1/catalog/cards.pdf?layout=a4&recordIds=${record.id}&libraryId=${group.libraryId}`}
                target="_blank"
                rel="noopener"
                style={{ whiteSpace: 'nowrap' }}
                data-testid="items-print-card"
              >
                {t('items.printCard')}
              </Anchor>
            )}
          </Group>
          <Table striped withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('items.inventoryNumber')}</Table.Th>
                <Table.Th>{t('items.barcode')}</Table.Th>
                <Table.Th>{t('items.callNumber')}</Table.Th>
                <Table.Th>{t('items.location')}</Table.Th>
                <Table.Th>{t('items.price')}</Table.Th>
                <Table.Th>{t('items.acquiredOn')}</Table.Th>
                <Table.Th>{t('items.status')}</Table.Th>
                <Table.Th w={48} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {group.items.map((item) => (
                <Table.Tr key={item.id} data-testid="item-row">
                  <Table.Td>{item.inventoryNumber}</Table.Td>
                  <Table.Td>{item.barcode}</Table.Td>
                  <Table.Td>{item.callNumber}</Table.Td>
                  <Table.Td>{item.location}</Table.Td>
                  <Table.Td>{formatMoney(item.price, item.currency)}</Table.Td>
                  <Table.Td>{formatDate(item.acquiredOn)}</Table.Td>
                  <Table.Td>
                    <StatusBadge status={item.status} isWithheld={item.withheldBy !== null} />
                  </Table.Td>
                  <Table.Td>
                    {item.canEdit && (
                      <Menu position="bottom-end" withinPortal>
                        <Menu.Target>
                          <ActionIcon variant="subtle" aria-label={t('items.editTitle')} data-testid="item-menu">
                            <IconDots size={16} />
                          </ActionIcon>
                        </Menu.Target>
                        <Menu.Dropdown>
                          <Menu.Item onClick={() => setEditing(item)} data-testid="item-edit">
                            {t('recordPage.edit')}
                          </Menu.Item>
                          {statusesByHand(item.status, item.withheldBy !== null).length > 0 && (
                            <Menu.Label>{t('items.changeStatus')}</Menu.Label>
                          )}
                          {statusesByHand(item.status, item.withheldBy !== null).map((s) => (
                            <Menu.Item
                              key={s}
                              // Writing off asks first, naming the copy, and takes the act's number and the reason;
                              // marking lost asks first too.
                              onClick={() =>
                                s === 'written_off'
                                  ? setWritingOff(item)
                                  : s === 'lost'
                                    ? setLosing(item)
                                    : status.mutate({ id: item.id, value: s })
                              }
                              data-testid={`item-status-${s}`}
                            >
                              {t(`itemStatus.${s}`)}
                            </Menu.Item>
                          ))}
                        </Menu.Dropdown>
                      </Menu>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      ))}
      <WriteOffModal
        copy={writingOff}
        onCancel={() => setWritingOff(null)}
        onConfirm={(line) => {
          if (writingOff)
            status.mutate({
              id: writingOff.id,
              value: 'written_off',
              notes: line ? notesWith(writingOff.notes, line) : undefined,
            });
          setWritingOff(null);
        }}
      />
      <ConfirmModal
        opened={losing !== null}
        title={t('lost.title')}
        text={losing ? t('lost.text', { inventoryNumber: losing.inventoryNumber, barcode: losing.barcode }) : ''}
        confirmLabel={t('lost.confirm')}
        onCancel={() => setLosing(null)}
        onConfirm={() => {
          if (losing) status.mutate({ id: losing.id, value: 'lost' });
          setLosing(null);
        }}
      />
      <ItemForm
        opened={editing !== null}
        recordId={record.id}
        item={editing === 'new' || editing === null ? undefined : editing}
        libraries={
          options.length
            ? options
            : editing && editing !== 'new'
              ? [{ value: editing.libraryId, label: names.get(editing.libraryId) ?? '' }]
              : []
        }
        suggestedCallNumber={record.suggestedCallNumber}
        onClose={() => setEditing(null)}
        onAdded={(item) => setAdded((ids) => [...ids, item.id])}
      />
    </Stack>
  );
}
