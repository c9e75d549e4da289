/**
 * The mark a record found in the Federal list of extremist materials carries on its staff page: each
 * confirmed match of a check of the person's networks — the entry's number, the check, and what was
 * done with the copies (withheld from readers or written off). Shows nothing for any other record.
 * Meant for the record page, above its copies: `<ExtremistRecordMark recordId={record.id} />`.
 */
import { Alert, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../web/api/client';
import { formatDate } from '../../web/ui/format';

export interface ExtremistMark {
  checkId: string;
  checkedOn: string;
  checkStatus: string;
  networkName: string;
  entryNumber: number;
  entryText: string;
  action: 'flag' | 'withdraw' | null;
  copiesAffected: number | null;
}

export function ExtremistRecordMark({ recordId }: { recordId: string }) {
  const { t } = useTranslation();
  const marks = useQuery({
    queryKey: ['extremist-marks', recordId],
    queryFn: () => api.get<{ items: ExtremistMark[] }>(`/api/v1/catalog/extremist/records/${recordId}/marks`),
  });
  const items = marks.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Alert color="red" icon={<IconAlertTriangle size={18} />} title={t('extremist.markTitle')} role="alert" data-testid="extremist-record-mark">
      {items.map((m) => (
        <Text key={`${m.checkId}-${m.entryNumber}`} size="sm">
          {t('extremist.markLine', {
            number: m.entryNumber,
            checkedOn: formatDate(m.checkedOn),
            network: m.networkName,
            action: t(`extremist.actions.${m.action ?? 'flag'}`),
          })}
          {m.checkStatus === 'closed' ? '' : ` (${t('extremist.markPending')})`}
        </Text>
      ))}
    </Alert>
  );
}
