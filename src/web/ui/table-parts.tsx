/** Table pieces: rows that open a record by mouse or keyboard, and the pager under a list. */
import { Group, Pagination, Table, Text } from '@mantine/core';
import type { KeyboardEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface ClickableRowProps {
  onOpen: () => void;
  label: string;
  testId?: string;
  /** 'link' when the row leads to another page, 'button' when it opens a dialog here. */
  role?: 'link' | 'button';
  children: ReactNode;
}

/** A row that is one focusable control: Enter or a click opens it. */
export function ClickableRow({ onOpen, label, testId, role = 'link', children }: ClickableRowProps) {
  const onKeyDown = (event: KeyboardEvent<HTMLTableRowElement>) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onOpen();
    }
  };
  return (
    <Table.Tr
      tabIndex={0}
      role={role}
      aria-label={label}
      data-testid={testId}
      onClick={onOpen}
      onKeyDown={onKeyDown}
      style={{ cursor: 'pointer' }}
    >
      {children}
    </Table.Tr>
  );
}

interface PagerProps {
  page: number;
  pageSize: number;
  total: number;
  /** The total is the database's estimate (a broad catalogue search): said as "about N". */
  estimate?: boolean;
  onChange: (page: number) => void;
}

export function Pager({ page, pageSize, total, estimate = false, onChange }: PagerProps) {
  const { t } = useTranslation();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <Group justify="space-between" mt="md">
      <Text size="sm" c="dimmed" aria-live="polite">
        {t(estimate ? 'common.totalAbout' : 'common.total', { count: total })}
      </Text>
      {pages > 1 && <Pagination total={pages} value={page} onChange={onChange} aria-label={t('common.pagination')} />}
    </Group>
  );
}
