/** The network's monitoring checklists, for those who run the network. */
import { Badge, Button, Group, Modal, Stack, Table, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import type { UseQueryResult } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, QueryState } from '../../web/ui/feedback';
import { ClickableRow } from '../../web/ui/table-parts';
import type { Checklist } from './api';
import { ChecklistForm } from './checklist-form';

interface ChecklistsPanelProps {
  networkId: string;
  checklists: UseQueryResult<Checklist[]>;
}

export function ChecklistsPanel({ networkId, checklists }: ChecklistsPanelProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<Checklist | 'new' | null>(null);
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={3}>{t('monitoring.checklists')}</Title>
        <Button
          variant="light"
          leftSection={<IconPlus size={16} />}
          onClick={() => setOpen('new')}
          data-testid="checklist-add"
        >
          {t('monitoring.newChecklist')}
        </Button>
      </Group>
      <QueryState query={checklists}>
        {(items) =>
          items.length === 0 ? (
            <EmptyState>{t('monitoring.noChecklists')}</EmptyState>
          ) : (
            <Table highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('monitoring.checklistName')}</Table.Th>
                  <Table.Th>{t('monitoring.items')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((list) => (
                  <ClickableRow
                    key={list.id}
                    role="button"
                    label={list.name}
                    testId="checklist-row"
                    onOpen={() => setOpen(list)}
                  >
                    <Table.Td>{list.name}</Table.Td>
                    <Table.Td>{list.items.length}</Table.Td>
                    <Table.Td>
                      {!list.isActive && (
                        <Badge color="gray" variant="light">
                          {t('common.inactive')}
                        </Badge>
                      )}
                    </Table.Td>
                  </ClickableRow>
                ))}
              </Table.Tbody>
            </Table>
          )
        }
      </QueryState>
      <Modal
        opened={open !== null}
        onClose={() => setOpen(null)}
        title={open === 'new' ? t('monitoring.newChecklist') : t('monitoring.editChecklist')}
        size="lg"
      >
        {open !== null && (
          <ChecklistForm networkId={networkId} checklist={open === 'new' ? null : open} onClose={() => setOpen(null)} />
        )}
      </Modal>
    </Stack>
  );
}
