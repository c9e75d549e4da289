/** The reader at the desk: who, age, blocks, registration, loans with due dates, holds waiting. */
import { Alert, Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../web/ui/format';
import { PortalPasswordControl } from '../../readers/web';
import type { ReaderPanel } from './api';

export function ReaderPanelView({ panel, onRenew }: { panel: ReaderPanel; onRenew: (loanId: string) => void }) {
  const { t } = useTranslation();
  const { reader, loans, holds } = panel;
  const overdue = loans.filter((l) => l.isOverdue).length;
  const ready = holds.filter((h) => h.status === 'ready');
  return (
    <Paper withBorder p="md" data-testid="reader-panel">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={3} data-testid="reader-name">
              {reader.fullName}
            </Title>
            <Text c="dimmed" size="sm">
              {t('desk.card')}: {reader.cardNumber} · {reader.categoryName}
              {reader.age !== null && ` · ${t('desk.age', { age: reader.age })}`}
            </Text>
          </div>
          <Group gap="xs">
            {reader.isRegistered ? (
              <Badge color="teal" variant="light">
                {t('desk.registeredUntil', { date: formatDate(reader.registeredUntil) })}
              </Badge>
            ) : (
              <Badge color="red">{t('desk.registrationExpired')}</Badge>
            )}
            {overdue > 0 && <Badge color="red">{t('desk.overdueCount', { count: overdue })}</Badge>}
            <PortalPasswordControl readerId={reader.id} cardNumber={reader.cardNumber} />
          </Group>
        </Group>
        {reader.isBlocked && (
          <Alert color="red" title={t('desk.blocked')}>
            {reader.blockReason}
          </Alert>
        )}
        {ready.length > 0 && (
          <Alert color="blue" title={t('desk.holdsReady')} data-testid="holds-ready">
            {ready.map((h) => `${h.title} (${h.pickupLibraryName}, ${t('desk.until', { date: formatDate(h.expiresOn) })})`).join('; ')}
          </Alert>
        )}
        <Title order={4}>{t('desk.loans', { count: loans.length })}</Title>
        {loans.length === 0 ? (
          <Text c="dimmed">{t('desk.noLoans')}</Text>
        ) : (
          <Table striped withTableBorder data-testid="reader-loans">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('desk.barcode')}</Table.Th>
                <Table.Th>{t('desk.titleColumn')}</Table.Th>
                <Table.Th>{t('desk.due')}</Table.Th>
                <Table.Th>{t('desk.renewals')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {loans.map((l) => (
                <Table.Tr key={l.loanId} data-testid="loan-row" data-barcode={l.barcode}>
                  <Table.Td ff="monospace">{l.barcode}</Table.Td>
                  <Table.Td>
                    {l.title} {l.ageLabel && <Badge size="xs" variant="outline">{l.ageLabel}</Badge>}
                  </Table.Td>
                  <Table.Td c={l.isOverdue ? 'red' : undefined} fw={l.isOverdue ? 700 : undefined} data-testid="loan-due">
                    {formatDate(l.dueOn)}
                  </Table.Td>
                  <Table.Td>{l.renewals}</Table.Td>
                  <Table.Td>
                    <Button size="xs" variant="subtle" onClick={() => onRenew(l.loanId)} tabIndex={-1}>
                      {t('desk.renew')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {holds.length > 0 && (
          <>
            <Title order={4}>{t('desk.holds')}</Title>
            <Stack gap={4}>
              {holds.map((h) => (
                <Text key={h.id} size="sm">
                  {h.title} — {t(`desk.holdStatus.${h.status}`)} · {h.pickupLibraryName}
                  {h.position ? ` · ${t('desk.queuePosition', { position: h.position })}` : ''}
                </Text>
              ))}
            </Stack>
          </>
        )}
      </Stack>
    </Paper>
  );
}
