/**
 * Loan rules of a network: the default and overrides per library, reader category and item type, with
 * loan period, maximum items, renewals and whether holds are allowed; network admins and directors
 * add, change and delete them.
 */
import { Button, Group, Modal, NumberInput, Select, Stack, Switch, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MATERIAL_TYPES } from '../../catalog/catalog.schemas';
import { api } from '../../web/api/client';
import { QueryState } from '../../web/ui/feedback';
import { notifyError, notifySaved } from '../../web/ui/notify';
import { PageHeader } from '../../web/ui/page-header';
import { useSession } from '../../web/session';
import { useDeskLibraries, useLoanRules, type LoanRule } from './api';

interface RuleForm {
  id: string | null;
  libraryId: string | null;
  readerCategoryId: string | null;
  itemType: string | null;
  loanDays: number;
  maxItems: number;
  maxRenewals: number;
  holdsAllowed: boolean;
}

const EMPTY: RuleForm = { id: null, libraryId: null, readerCategoryId: null, itemType: null, loanDays: 14, maxItems: 10, maxRenewals: 2, holdsAllowed: true };

export function RulesPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const libraries = useDeskLibraries();
  const networks = useMemo(() => {
    const seen = new Map<string, string>();
    for (const l of libraries.data?.items ?? []) seen.set(l.networkId, l.networkName);
    return [...seen].map(([value, label]) => ({ value, label }));
  }, [libraries.data]);
  const [chosen, setChosen] = useState<string | null>(null);
  const networkId = user.scopeKind === 'network' ? user.scopeId : (chosen ?? networks[0]?.value ?? null);
  const rules = useLoanRules(networkId);
  const categories = useQuery({
    queryKey: ['circulation', 'categories', networkId],
    queryFn: () => api.get<{ id: string; name: string }[]>(`/api/v1/networks/${networkId}/reader-categories`),
    enabled: !!networkId,
  });
  const client = useQueryClient();
  const [form, setForm] = useState<RuleForm | null>(null);
  const canEdit = user.role === 'network_admin' || user.role === 'director';
  const save = useMutation({
    mutationFn: (f: RuleForm) => {
      const { id, ...body } = f;
      return id ? api.put(`/api/v1/circulation/rules/${id}`, { ...body, networkId }) : api.post('/api/v1/circulation/rules', { ...body, networkId });
    },
    onSuccess: () => {
      notifySaved();
      setForm(null);
      void client.invalidateQueries({ queryKey: ['circulation', 'rules'] });
    },
    onError: (e) => notifyError(e),
  });
  const remove = useMutation({
    mutationFn: (id: string) => api.delete(`/api/v1/circulation/rules/${id}`),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['circulation', 'rules'] }),
    onError: (e) => notifyError(e),
  });
  const libraryName = (id: string | null) => (id ? (libraries.data?.items.find((l) => l.id === id)?.name ?? id) : t('rules.any'));
  const categoryName = (id: string | null) => (id ? (categories.data?.find((c) => c.id === id)?.name ?? id) : t('rules.any'));
  const typeName = (type: string | null) => (type ? t(`rules.types.${type as (typeof MATERIAL_TYPES)[number]}`) : t('rules.any'));
  const libraryOptions = (libraries.data?.items ?? []).filter((l) => l.networkId === networkId).map((l) => ({ value: l.id, label: l.name }));

  return (
    <>
      <PageHeader title={t('rules.title')}>
        {user.scopeKind !== 'network' && networks.length > 1 && <Select data={networks} value={networkId} onChange={setChosen} aria-label={t('rules.network')} />}
        {canEdit && (
          <Button onClick={() => setForm(EMPTY)} data-testid="rule-add">
            {t('rules.add')}
          </Button>
        )}
      </PageHeader>
      <QueryState query={rules}>
        {(data) => (
          <>
            <Text size="sm" c="dimmed" mb="sm">
              {t('rules.builtIn', data.builtIn)}
            </Text>
            <Table striped withTableBorder data-testid="rules-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('rules.library')}</Table.Th>
                  <Table.Th>{t('rules.category')}</Table.Th>
                  <Table.Th>{t('rules.itemType')}</Table.Th>
                  <Table.Th>{t('rules.loanDays')}</Table.Th>
                  <Table.Th>{t('rules.maxItems')}</Table.Th>
                  <Table.Th>{t('rules.maxRenewals')}</Table.Th>
                  <Table.Th>{t('rules.holdsAllowed')}</Table.Th>
                  {canEdit && <Table.Th />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.rules.map((r: LoanRule) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>{libraryName(r.libraryId)}</Table.Td>
                    <Table.Td>{categoryName(r.readerCategoryId)}</Table.Td>
                    <Table.Td>{typeName(r.itemType)}</Table.Td>
                    <Table.Td>{r.loanDays}</Table.Td>
                    <Table.Td>{r.maxItems}</Table.Td>
                    <Table.Td>{r.maxRenewals}</Table.Td>
                    <Table.Td>{r.holdsAllowed ? t('common.yes') : t('common.no')}</Table.Td>
                    {canEdit && (
                      <Table.Td>
                        <Group gap="xs">
                          <Button size="xs" variant="subtle" onClick={() => setForm({ ...r })}>
                            {t('rules.edit')}
                          </Button>
                          <Button size="xs" variant="subtle" color="red" onClick={() => remove.mutate(r.id)}>
                            {t('rules.delete')}
                          </Button>
                        </Group>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </>
        )}
      </QueryState>
      <Modal opened={form !== null} onClose={() => setForm(null)} title={form?.id ? t('rules.edit') : t('rules.add')}>
        {form && (
          <Stack>
            <Select label={t('rules.library')} placeholder={t('rules.any')} clearable data={libraryOptions} value={form.libraryId} onChange={(v) => setForm({ ...form, libraryId: v })} />
            <Select
              label={t('rules.category')}
              placeholder={t('rules.any')}
              clearable
              data={(categories.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
              value={form.readerCategoryId}
              onChange={(v) => setForm({ ...form, readerCategoryId: v })}
            />
            <Select
              label={t('rules.itemType')}
              placeholder={t('rules.any')}
              clearable
              data={MATERIAL_TYPES.map((m) => ({ value: m, label: t(`rules.types.${m}`) }))}
              value={form.itemType}
              onChange={(v) => setForm({ ...form, itemType: v })}
            />
            <NumberInput label={t('rules.loanDays')} min={0} max={365} value={form.loanDays} onChange={(v) => setForm({ ...form, loanDays: Number(v) || 0 })} />
            <NumberInput label={t('rules.maxItems')} min={0} max={1000} value={form.maxItems} onChange={(v) => setForm({ ...form, maxItems: Number(v) || 0 })} />
            <NumberInput label={t('rules.maxRenewals')} min={0} max={100} value={form.maxRenewals} onChange={(v) => setForm({ ...form, maxRenewals: Number(v) || 0 })} />
            <Switch label={t('rules.holdsAllowed')} checked={form.holdsAllowed} onChange={(e) => setForm({ ...form, holdsAllowed: e.currentTarget.checked })} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setForm(null)}>
                {t('common.cancel')}
              </Button>
              <Button onClick={() => save.mutate(form)} loading={save.isPending}>
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}
