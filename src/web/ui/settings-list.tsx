/**
 * A network's settings list: entries named in Russian, Kyrgyz and English, ordered in lists, retired
 * rather than deleted (a retired entry stays where it was used but is no longer offered). The table of
 * entries and the fields of one entry's dialog, shared by the reader categories and the forms of events.
 */
import { ActionIcon, Badge, Button, Group, NumberInput, SimpleGrid, Switch, Table, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconEdit } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** The message groups that name a settings list's fields (nameRu, nameKy, nameEn, sortOrder, isActive, isActiveHint, retired). */
export type SettingsTexts = 'readerCategories' | 'eventSettings';

export interface SettingsEntry {
  id: string;
  sortOrder: number;
  isActive: boolean;
}

export interface SettingsColumn<T> {
  header: ReactNode;
  cell: (entry: T) => ReactNode;
}

interface SettingsTableProps<T extends SettingsEntry> {
  entries: T[];
  texts: SettingsTexts;
  /** The first column: the entry's name (with any badge of its own); "retired" is added after it. */
  name: SettingsColumn<T>;
  /** Columns between the name and the order. */
  columns?: SettingsColumn<T>[];
  editLabel: (entry: T) => string;
  onEdit: (entry: T) => void;
  testId: string;
  rowTestId: string;
}

export function SettingsTable<T extends SettingsEntry>({ entries, texts, name, columns = [], editLabel, onEdit, testId, rowTestId }: SettingsTableProps<T>) {
  const { t } = useTranslation();
  return (
    <Table striped withTableBorder data-testid={testId}>
      <Table.Thead>
        <Table.Tr>
          {[name, ...columns].map((column, i) => (
            <Table.Th key={i}>{column.header}</Table.Th>
          ))}
          <Table.Th>{t(`${texts}.sortOrder`)}</Table.Th>
          <Table.Th />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {entries.map((entry) => (
          <Table.Tr key={entry.id} data-testid={rowTestId}>
            <Table.Td>
              {name.cell(entry)} {!entry.isActive && <Badge color="gray">{t(`${texts}.retired`)}</Badge>}
            </Table.Td>
            {columns.map((column, i) => (
              <Table.Td key={i}>{column.cell(entry)}</Table.Td>
            ))}
            <Table.Td>{entry.sortOrder}</Table.Td>
            <Table.Td ta="right">
              <ActionIcon variant="subtle" aria-label={editLabel(entry)} onClick={() => onEdit(entry)}>
                <IconEdit size={16} />
              </ActionIcon>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

interface SettingsEntryValues {
  nameKy: string;
  nameEn: string;
  sortOrder: number;
  isActive: boolean;
}

interface SettingsEntryFieldsProps<V extends SettingsEntryValues> {
  form: UseFormReturnType<V>;
  texts: SettingsTexts;
  /** The form's field of the Russian name, which is required (the others fall back to it). */
  ruField: keyof V & string;
  sortOrderMax: number;
  /** `PREFIX-name-ru`, `PREFIX-name-ky`, `PREFIX-name-en`, `PREFIX-active`. */
  testIdPrefix: string;
  /** Fields of the list's own, shown before "in use". */
  children?: ReactNode;
}

export function SettingsEntryFields<V extends SettingsEntryValues>({ form, texts, ruField, sortOrderMax, testIdPrefix, children }: SettingsEntryFieldsProps<V>) {
  const { t } = useTranslation();
  return (
    <>
      <TextInput label={t(`${texts}.nameRu`)} required data-testid={`${testIdPrefix}-name-ru`} {...form.getInputProps(ruField)} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t(`${texts}.nameKy`)} data-testid={`${testIdPrefix}-name-ky`} {...form.getInputProps('nameKy')} />
        <TextInput label={t(`${texts}.nameEn`)} data-testid={`${testIdPrefix}-name-en`} {...form.getInputProps('nameEn')} />
      </SimpleGrid>
      <NumberInput label={t(`${texts}.sortOrder`)} min={0} max={sortOrderMax} allowDecimal={false} w={160} {...form.getInputProps('sortOrder')} />
      {children}
      <Switch
        label={t(`${texts}.isActive`)}
        description={t(`${texts}.isActiveHint`)}
        data-testid={`${testIdPrefix}-active`}
        {...form.getInputProps('isActive', { type: 'checkbox' })}
      />
    </>
  );
}

/** Cancel and save at the foot of a dialog form. */
export function DialogButtons({ onCancel, isSaving, saveTestId }: { onCancel: () => void; isSaving: boolean; saveTestId: string }) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel}>
        {t('common.cancel')}
      </Button>
      <Button type="submit" loading={isSaving} data-testid={saveTestId}>
        {t('common.save')}
      </Button>
    </Group>
  );
}
