/** Audit entries as a table; a row opens to show what changed. */
import { ActionIcon, Table, Text } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { Fragment, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../web/ui/format';
import type { AuditEntry } from './api';
import { AuditDiff } from './audit-diff';

type Labels = Record<string, Record<string, string> | string | undefined>;

/** Known actions and object types in the user's language; new ones from other domains show as is. */
export function useAuditLabels() {
  const { t } = useTranslation();
  const actions = t('audit.actions', { returnObjects: true }) as Labels;
  const objectTypes = t('audit.objectTypes', { returnObjects: true }) as Labels;
  return {
    action: (action: string) => {
      const [group = '', verb = ''] = action.split('.');
      const labels = actions[group];
      return (typeof labels === 'object' && labels[verb]) || action;
    },
    objectType: (type: string) => {
      const label = objectTypes[type];
      return typeof label === 'string' ? label : type;
    },
  };
}

function EntryRow({ entry }: { entry: AuditEntry }) {
  const labels = useAuditLabels();
  const [isOpen, setOpen] = useState(false);
  const toggle = () => setOpen((v) => !v);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      toggle();
    }
  };
  return (
    <Fragment>
      <Table.Tr
        data-testid="audit-row"
        tabIndex={0}
        role="button"
        aria-expanded={isOpen}
        aria-label={`${formatDateTime(entry.at)} ${entry.actorLogin} ${labels.action(entry.action)} ${entry.summary}`}
        onClick={toggle}
        onKeyDown={onKeyDown}
        style={{ cursor: 'pointer' }}
      >
        <Table.Td w={36}>
          <ActionIcon variant="subtle" size="sm" tabIndex={-1} aria-hidden>
            {isOpen ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
          </ActionIcon>
        </Table.Td>
        <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(entry.at)}</Table.Td>
        <Table.Td>{entry.actorLogin}</Table.Td>
        <Table.Td>{labels.action(entry.action)}</Table.Td>
        <Table.Td>{labels.objectType(entry.objectType)}</Table.Td>
        <Table.Td>
          <Text size="sm">{entry.summary}</Text>
        </Table.Td>
      </Table.Tr>
      {isOpen && (
        <Table.Tr>
          <Table.Td colSpan={6} bg="var(--mantine-color-gray-light)">
            <AuditDiff before={entry.before} after={entry.after} />
            {entry.ip && (
              <Text size="xs" c="dimmed" mt="xs">
                IP: {entry.ip}
              </Text>
            )}
          </Table.Td>
        </Table.Tr>
      )}
    </Fragment>
  );
}

export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={800}>
      <Table highlightOnHover verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th aria-label={t('audit.expand')} />
            <Table.Th>{t('audit.at')}</Table.Th>
            <Table.Th>{t('audit.person')}</Table.Th>
            <Table.Th>{t('audit.action')}</Table.Th>
            <Table.Th>{t('audit.objectType')}</Table.Th>
            <Table.Th>{t('audit.summary')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((entry) => (
            <EntryRow key={entry.id} entry={entry} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
