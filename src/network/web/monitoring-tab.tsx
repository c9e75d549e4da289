/** Мониторинг: a library's checks, newest first; new checks and the network's checklists. */
import { Badge, Button, Group, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, QueryState } from '../../web/ui/feedback';
import { formatDate, todayIso } from '../../web/ui/format';
import { ClickableRow } from '../../web/ui/table-parts';
import { useChecklists, useChecks, type Check, type Checklist, type LibraryDetail } from './api';
import { CheckForm } from './check-form';
import { ChecklistsPanel } from './checklists-panel';

function FollowUpBadge({ check }: { check: Check }) {
  const { t } = useTranslation();
  if (!check.followUp && !check.followUpDue) return null;
  if (check.isFollowUpDone)
    return (
      <Badge color="teal" variant="light">
        {t('monitoring.done')}
      </Badge>
    );
  const isOverdue = check.followUpDue !== null && check.followUpDue < todayIso();
  return (
    <Badge color={isOverdue ? 'red' : 'orange'} variant="light">
      {isOverdue ? t('monitoring.overdue') : t('monitoring.pending')}
    </Badge>
  );
}

function ChecksTable({ checks, onOpen }: { checks: Check[]; onOpen: (check: Check) => void }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={700}>
      <Table highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('monitoring.checkedOn')}</Table.Th>
            <Table.Th>{t('monitoring.checklist')}</Table.Th>
            <Table.Th>{t('monitoring.inspector')}</Table.Th>
            <Table.Th>{t('monitoring.isMet')}</Table.Th>
            <Table.Th>{t('monitoring.followUpDue')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {checks.map((check) => (
            <ClickableRow
              key={check.id}
              role="button"
              label={`${formatDate(check.checkedOn)} ${check.checklistName}`}
              testId="check-row"
              onOpen={() => onOpen(check)}
            >
              <Table.Td>{formatDate(check.checkedOn)}</Table.Td>
              <Table.Td>{check.checklistName}</Table.Td>
              <Table.Td>{check.inspector}</Table.Td>
              <Table.Td>
                {t('monitoring.metCount', {
                  met: check.results.filter((r) => r.isMet).length,
                  total: check.results.length,
                })}
              </Table.Td>
              <Table.Td>
                <Group gap="xs">
                  <Text size="sm">{formatDate(check.followUpDue)}</Text>
                  <FollowUpBadge check={check} />
                </Group>
              </Table.Td>
            </ClickableRow>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function MonitoringTab({ library }: { library: LibraryDetail }) {
  const { t } = useTranslation();
  const checks = useChecks(library.id);
  const checklists = useChecklists(library.networkId);
  const [open, setOpen] = useState<Check | 'new' | null>(null);
  const canMonitor = library.permissions.canMonitor;
  const lists: Checklist[] = checklists.data ?? [];
  const hasActiveList = lists.some((c) => c.isActive);

  return (
    <Stack gap="xl">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3}>{t('monitoring.checks')}</Title>
          {canMonitor && (
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={() => setOpen('new')}
              disabled={!hasActiveList}
              data-testid="check-add"
            >
              {t('monitoring.newCheck')}
            </Button>
          )}
        </Group>
        {canMonitor && checklists.isSuccess && !hasActiveList && <Text c="dimmed">{t('monitoring.noChecklists')}</Text>}
        <QueryState query={checks}>
          {(items) =>
            items.length ? (
              <ChecksTable checks={items} onOpen={setOpen} />
            ) : (
              <EmptyState>{t('monitoring.empty')}</EmptyState>
            )
          }
        </QueryState>
      </Stack>
      {library.permissions.canManage && <ChecklistsPanel networkId={library.networkId} checklists={checklists} />}
      <Modal
        opened={open !== null}
        onClose={() => setOpen(null)}
        title={open === 'new' ? t('monitoring.newCheck') : t('monitoring.editCheck')}
        size="xl"
      >
        {open !== null && (
          <CheckForm
            libraryId={library.id}
            checklists={lists}
            check={open === 'new' ? null : open}
            isReadOnly={!canMonitor}
            onClose={() => setOpen(null)}
          />
        )}
      </Modal>
    </Stack>
  );
}
