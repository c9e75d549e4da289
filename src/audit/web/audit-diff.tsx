/** Before/after of one audit entry, field by field, with the changed fields marked. */
import { Badge, Code, Stack, Switch, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../web/ui/format';

/** Nested values as "a.b.c" → value; lists of plain values stay one field. */
export function flattenValue(value: unknown, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  const isPlainList = Array.isArray(value) && !value.some((v) => v !== null && typeof v === 'object');
  if (value !== null && typeof value === 'object' && !isPlainList) {
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
    if (entries.length === 0 && prefix) out.set(prefix, value);
    for (const [key, child] of entries) flattenValue(child, prefix ? `${prefix}.${key}` : key, out);
  } else {
    out.set(prefix, value);
  }
  return out;
}

export interface DiffRow {
  field: string;
  before: unknown;
  after: unknown;
  isChanged: boolean;
}

export function diffRows(before: unknown, after: unknown): DiffRow[] {
  const a = flattenValue(before ?? {});
  const b = flattenValue(after ?? {});
  const fields = [...new Set([...a.keys(), ...b.keys()])].filter(Boolean);
  return fields.map((field) => ({
    field,
    before: a.get(field),
    after: b.get(field),
    isChanged: JSON.stringify(a.get(field)) !== JSON.stringify(b.get(field)),
  }));
}

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function Value({ value }: { value: unknown }) {
  const { t } = useTranslation();
  if (value === null || value === undefined || value === '') return <Text c="dimmed">—</Text>;
  if (typeof value === 'boolean') return <>{value ? t('common.yes') : t('common.no')}</>;
  if (Array.isArray(value)) return <>{value.join(', ') || '—'}</>;
  if (typeof value === 'string') return <>{ISO_TIMESTAMP.test(value) ? formatDateTime(value) : value}</>;
  if (typeof value === 'number') return <>{value}</>;
  return <Code>{JSON.stringify(value)}</Code>;
}

export function AuditDiff({ before, after }: { before: unknown; after: unknown }) {
  const { t } = useTranslation();
  const rows = diffRows(before, after);
  const isUpdate = before !== null && before !== undefined && after !== null && after !== undefined;
  const [isOnlyChanged, setOnlyChanged] = useState(isUpdate);
  if (rows.length === 0) return <Text c="dimmed">{t('audit.noDiff')}</Text>;
  const shown = isOnlyChanged ? rows.filter((r) => r.isChanged) : rows;
  return (
    <Stack gap="xs" data-testid="audit-diff">
      {isUpdate && (
        <Switch
          size="xs"
          label={t('audit.onlyChanged')}
          checked={isOnlyChanged}
          onChange={(e) => setOnlyChanged(e.currentTarget.checked)}
        />
      )}
      <Table withTableBorder withColumnBorders verticalSpacing={4} fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('audit.field')}</Table.Th>
            <Table.Th>{t('audit.before')}</Table.Th>
            <Table.Th>{t('audit.after')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {shown.map((row) => (
            <Table.Tr
              key={row.field}
              data-changed={row.isChanged || undefined}
              bg={row.isChanged && isUpdate ? 'var(--mantine-color-yellow-light)' : undefined}
            >
              <Table.Td>
                <Text size="sm" ff="monospace">
                  {row.field}
                </Text>
                {row.isChanged && isUpdate && (
                  <Badge size="xs" color="yellow" variant="light">
                    {t('audit.changed')}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                <Value value={row.before} />
              </Table.Td>
              <Table.Td>
                <Value value={row.after} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
