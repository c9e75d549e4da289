/** A new bibliographic record, catalogued from the form. */
import { Paper } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { paths } from '../../web/paths';
import { PageHeader } from '../../web/ui/page-header';
import { RecordForm } from './record-form';

export function RecordCreatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <>
      <PageHeader title={t('recordPage.createTitle')} />
      <Paper withBorder p="md" maw={960}>
        <RecordForm onSaved={(record) => void navigate(paths.record(record.id))} onCancel={() => void navigate(paths.catalog)} />
      </Paper>
    </>
  );
}
