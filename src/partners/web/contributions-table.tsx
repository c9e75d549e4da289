/** The ledger of contributions as a table; a row opens the contribution for editing. */
import { Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../web/i18n/setup';
import { formatDate } from '../../web/ui/format';
import { ClickableRow } from '../../web/ui/table-parts';
import { formatMoney, type ContributionRow } from './api';
import { ContributionFormModal } from './contribution-form';

export function ContributionsTable({ rows, showPartner = true }: { rows: ContributionRow[]; showPartner?: boolean }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<ContributionRow | null>(null);
  return (
    <>
      <Table.ScrollContainer minWidth={800}>
        <Table highlightOnHover verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('contributions.date')}</Table.Th>
              <Table.Th>{t('contributions.library')}</Table.Th>
              {showPartner && <Table.Th>{t('contributions.partner')}</Table.Th>}
              <Table.Th>{t('contributions.kind')}</Table.Th>
              <Table.Th>{t('contributions.purpose')}</Table.Th>
              <Table.Th ta="right">{t('contributions.value')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((c) => (
              <ClickableRow key={c.id} role="button" testId="contribution-row" label={c.purpose} onOpen={() => setEditing(c)}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(c.receivedOn)}</Table.Td>
                <Table.Td>{c.libraryName}</Table.Td>
                {showPartner && <Table.Td>{c.partnerName}</Table.Td>}
                <Table.Td>
                  {t(`contributionKind.${c.kind}`)}
                  {c.quantity !== null && <Text size="xs" c="dimmed">{c.quantity}</Text>}
                </Table.Td>
                <Table.Td>{c.purpose}</Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {formatMoney(c.value, c.currency, (cur) => t(`currency.${cur}`), currentLanguage())}
                </Table.Td>
              </ClickableRow>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <ContributionFormModal opened={editing !== null} contribution={editing ?? undefined} onClose={() => setEditing(null)} />
    </>
  );
}
