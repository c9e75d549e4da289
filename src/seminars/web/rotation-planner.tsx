/** The rotation planner: proposed hosts and dates for next year's seminars, editable, then planned in one go. */
import { Button, Group, Modal, NumberInput, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLibraries, useManagedNetworks } from '../../network/web/api';
import { api } from '../../web/api/client';
import { OPTIONS_PAGE_SIZE } from '../../web/api/types';
import { QueryState } from '../../web/ui/feedback';
import { DateField } from '../../web/ui/fields';
import { notifyError, notifySaved } from '../../web/ui/notify';
import { refreshSeminarData, useRotation } from './api';

interface Row {
  hostLibraryId: string;
  heldOn: string | null;
  theme: string;
}

function PlannerBody({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const networks = useManagedNetworks();
  const networkId = networks.data?.[0]?.id;
  const libraries = useLibraries({ pageSize: OPTIONS_PAGE_SIZE, networkId });
  const [year, setYear] = useState(new Date().getFullYear() + 1);
  const [count, setCount] = useState(2);
  const plan = useRotation(networkId, year, count);
  const [rows, setRows] = useState<Row[]>([]);
  useEffect(() => {
    if (plan.data) setRows(plan.data.proposals.map((p) => ({ hostLibraryId: p.hostLibraryId, heldOn: p.heldOn, theme: t('seminars.defaultTheme') })));
  }, [plan.data, t]);
  const create = useMutation({
    mutationFn: async () => {
      for (const row of rows) {
        await api.post(`/api/v1/networks/${networkId}/seminars`, { hostLibraryId: row.hostLibraryId, heldOn: row.heldOn, theme: row.theme, status: 'planned' });
      }
    },
    onSuccess: () => {
      notifySaved(t('seminars.created'));
      refreshSeminarData(queryClient);
      onClose();
    },
    onError: (error) => notifyError(error),
  });
  const branchOptions = (libraries.data?.items ?? []).filter((l) => l.kind === 'branch').map((l) => ({ value: l.id, label: l.name }));
  const update = (i: number, patch: Partial<Row>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t('seminars.planHint')}
      </Text>
      <Group>
        <NumberInput label={t('seminars.year')} value={year} onChange={(v) => setYear(Number(v) || year)} min={2000} max={2100} w={120} />
        <NumberInput label={t('seminars.count')} value={count} onChange={(v) => setCount(Math.min(12, Math.max(1, Number(v) || 1)))} min={1} max={12} w={160} />
      </Group>
      <QueryState query={plan}>
        {(data) => (
          <>
            <Text size="sm">{t('seminars.waiting', { count: data.waiting.length })}</Text>
            <Table verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('seminars.heldOn')}</Table.Th>
                  <Table.Th>{t('seminars.host')}</Table.Th>
                  <Table.Th>{t('seminars.theme')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((row, i) => (
                  <Table.Tr key={i} data-testid="rotation-row">
                    <Table.Td w={150}>
                      <DateField value={row.heldOn} onChange={(v) => update(i, { heldOn: v })} aria-label={t('seminars.heldOn')} />
                    </Table.Td>
                    <Table.Td>
                      <Select data={branchOptions} value={row.hostLibraryId} onChange={(v) => v && update(i, { hostLibraryId: v })} searchable aria-label={t('seminars.host')} />
                      <Text size="xs" c="dimmed">
                        {data.proposals[i]?.municipalityName ?? ''}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <TextInput value={row.theme} onChange={(e) => update(i, { theme: e.currentTarget.value })} aria-label={t('seminars.theme')} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </>
        )}
      </QueryState>
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button onClick={() => create.mutate()} loading={create.isPending} disabled={!rows.length || rows.some((r) => !r.heldOn || !r.theme.trim())} data-testid="rotation-create">
          {t('seminars.createPlanned')}
        </Button>
      </Group>
    </Stack>
  );
}

export function RotationPlannerModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('seminars.planTitle')} size="xl">
      {opened && <PlannerBody onClose={onClose} />}
    </Modal>
  );
}
