/**
 * A save refused because someone saved the record after this editor was opened (409 record_changed):
 * said plainly, with the server's words (who and when) and a way to the current version in a new tab,
 * while what the cataloguer typed stays where it is.
 */
import { Alert, Button, Text } from '@mantine/core';
import { IconExternalLink } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../web/api/client';
import { paths } from '../../web/paths';

export function isRecordChanged(error: unknown): error is ApiError {
  return error instanceof ApiError && error.status === 409 && error.problem.code === 'record_changed';
}

export function RecordChangedAlert({ recordId, error }: { recordId: string; error: ApiError }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  // Shown under a long form or editor: brought into view, not left below the fold.
  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, []);
  return (
    <Alert ref={ref} color="orange" title={t('recordPage.changedTitle')} role="alert" data-testid="record-changed">
      <Text size="sm">{error.problem.title}</Text>
      <Text size="sm" mt={4}>
        {t('recordPage.changedKept')}
      </Text>
      <Button
        component={Link}
        to={paths.record(recordId)}
        target="_blank"
        rel="noopener"
        size="xs"
        variant="default"
        mt="sm"
        leftSection={<IconExternalLink size={14} />}
        data-testid="record-changed-open"
      >
        {t('recordPage.changedOpen')}
      </Button>
    </Alert>
  );
}
