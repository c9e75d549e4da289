/**
 * The network's list of reader categories: names in Russian, Kyrgyz and English, their order in lists,
 * and retiring one. A retired category stays on the readers who have it (and in statistics) but is no
 * longer offered when registering. The network's managers edit the list.
 */
import { ActionIcon, Badge, Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Switch, Table, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconEdit, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useManagedNetworks } from '../../network/web/api';
import { api } from '../../web/api/client';
import { currentLanguage } from '../../web/i18n/setup';
import { EmptyState, FormAlert, QueryState } from '../../web/ui/feedback';
import { PageHeader } from '../../web/ui/page-header';
import { useSavingForm } from '../../web/ui/use-saving-form';
import { categoryLabel, ZCategoryInput } from '../readers.schemas';
import { useReaderCategories, type ReaderCategory } from './api';

function CategoryEditor({ networkId, category, onClose }: { networkId: string; category: ReaderCategory | null; onClose: () => void }) {
  const { t } = useTranslation();
  const form = useForm({
    initialValues: {
      name: category?.name ?? '',
      nameKy: category?.nameKy ?? '',
      nameEn: category?.nameEn ?? '',
      sortOrder: category?.sortOrder ?? 100,
      isActive: category?.isActive ?? true,
    },
  });
  const { submit, isSaving, general } = useSavingForm(form, {
    schema: ZCategoryInput,
    save: (input) =>
      category ? api.put(`/api/v1/reader-categories/${category.id}`, input) : api.post(`/api/v1/networks/${networkId}/reader-categories`, input),
    refresh: ['reader-categories', 'audit'],
    onClose,
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <FormAlert messages={general} />
        <TextInput label={t('readerCategories.nameRu')} required data-testid="category-name-ru" {...form.getInputProps('name')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('readerCategories.nameKy')} data-testid="category-name-ky" {...form.getInputProps('nameKy')} />
          <TextInput label={t('readerCategories.nameEn')} data-testid="category-name-en" {...form.getInputProps('nameEn')} />
        </SimpleGrid>
        <NumberInput label={t('readerCategories.sortOrder')} min={0} max={1000} allowDecimal={false} w={160} {...form.getInputProps('sortOrder')} />
        <Switch
          label={t('readerCategories.isActive')}
          description={t('readerCategories.isActiveHint')}
          data-testid="category-active"
          {...form.getInputProps('isActive', { type: 'checkbox' })}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={isSaving} data-testid="category-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function ReaderCategoriesPage() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const networks = useManagedNetworks();
  const [chosen, setChosen] = useState<string | null>(null);
  const networkId = chosen ?? networks.data?.[0]?.id;
  const categories = useReaderCategories(networkId);
  const [editing, setEditing] = useState<ReaderCategory | 'new' | null>(null);
  return (
    <>
      <PageHeader title={t('readerCategories.title')}>
        {networkId && (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-testid="category-add">
            {t('readerCategories.add')}
          </Button>
        )}
      </PageHeader>
      {(networks.data?.length ?? 0) > 1 && (
        <Select
          label={t('readerCategories.network')}
          data={(networks.data ?? []).map((n) => ({ value: n.id, label: n.name }))}
          value={networkId ?? null}
          onChange={setChosen}
          allowDeselect={false}
          w={320}
          mb="md"
        />
      )}
      {!networkId ? (
        <EmptyState>{t('readerCategories.noNetwork')}</EmptyState>
      ) : (
        <QueryState query={categories}>
          {(items) => (
            <Table striped withTableBorder data-testid="reader-categories">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('readerCategories.nameRu')}</Table.Th>
                  <Table.Th>{t('readerCategories.nameKy')}</Table.Th>
                  <Table.Th>{t('readerCategories.nameEn')}</Table.Th>
                  <Table.Th>{t('readerCategories.sortOrder')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((c) => (
                  <Table.Tr key={c.id} data-testid="reader-category-row">
                    <Table.Td>
                      {c.name} {!c.isActive && <Badge color="gray">{t('readerCategories.retired')}</Badge>}
                    </Table.Td>
                    <Table.Td>{c.nameKy}</Table.Td>
                    <Table.Td>{c.nameEn}</Table.Td>
                    <Table.Td>{c.sortOrder}</Table.Td>
                    <Table.Td ta="right">
                      <ActionIcon variant="subtle" aria-label={`${t('readerCategories.edit')}: ${categoryLabel(c, language)}`} onClick={() => setEditing(c)}>
                        <IconEdit size={16} />
                      </ActionIcon>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </QueryState>
      )}
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={t('readerCategories.formTitle')}>
        {editing !== null && networkId && (
          <CategoryEditor networkId={networkId} category={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
        )}
      </Modal>
    </>
  );
}
