/**
 * The network's list of reader categories: names in Russian, Kyrgyz and English, their order in lists,
 * and retiring one. A retired category stays on the readers who have it (and in statistics) but is no
 * longer offered when registering. The network's managers edit the list.
 */
import { Button, Modal, Select, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useManagedNetworks } from '../../network/web/api';
import { api } from '../../web/api/client';
import { currentLanguage } from '../../web/i18n/setup';
import { EmptyState, FormAlert, QueryState } from '../../web/ui/feedback';
import { PageHeader } from '../../web/ui/page-header';
import { DialogButtons, SettingsEntryFields, SettingsTable } from '../../web/ui/settings-list';
import { useSavingForm } from '../../web/ui/use-saving-form';
import { categoryLabel, ZCategoryInput } from '../readers.schemas';
import { useReaderCategories, type ReaderCategory } from './api';

function CategoryEditor({ networkId, category, onClose }: { networkId: string; category: ReaderCategory | null; onClose: () => void }) {
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
        <SettingsEntryFields form={form} texts="readerCategories" ruField="name" sortOrderMax={1000} testIdPrefix="category" />
        <DialogButtons onCancel={onClose} isSaving={isSaving} saveTestId="category-save" />
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
            <SettingsTable
              entries={items}
              texts="readerCategories"
              name={{ header: t('readerCategories.nameRu'), cell: (c) => c.name }}
              columns={[
                { header: t('readerCategories.nameKy'), cell: (c) => c.nameKy },
                { header: t('readerCategories.nameEn'), cell: (c) => c.nameEn },
              ]}
              editLabel={(c) => `${t('readerCategories.edit')}: ${categoryLabel(c, language)}`}
              onEdit={setEditing}
              testId="reader-categories"
              rowTestId="reader-category-row"
            />
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
