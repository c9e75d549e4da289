/** The report to a municipality or one library for a period, in Russian or Kyrgyz, as PDF and XLSX. */
import { Alert, Button, Card, Group, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { IconFileSpreadsheet, IconFileTypePdf } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLibraries, useMunicipalityOptions } from '../../network/web/api';
import { withQuery } from '../../web/api/client';
import { OPTIONS_PAGE_SIZE } from '../../web/api/types';
import { DateField } from '../../web/ui/fields';
import { libraryOptions } from '../../network/web/library-options';

export function ReportPanel() {
  const { t } = useTranslation();
  const municipalities = useMunicipalityOptions();
  const libraries = useLibraries({ pageSize: OPTIONS_PAGE_SIZE });
  const year = new Date().getFullYear();
  const [subject, setSubject] = useState<'municipality' | 'library'>('municipality');
  const [municipalityId, setMunicipalityId] = useState<string | null>(null);
  const [libraryId, setLibraryId] = useState<string | null>(null);
  const [from, setFrom] = useState<string | null>(`${year}-01-01`);
  const [to, setTo] = useState<string | null>(`${year}-12-31`);
  const [lang, setLang] = useState<'ru' | 'ky'>('ru');
  const chosen = subject === 'municipality' ? municipalityId : libraryId;
  const isPeriodWrong = !!from && !!to && to < from;
  const isReady = !!chosen && !!from && !!to && !isPeriodWrong;
  const query = { [subject === 'municipality' ? 'municipalityId' : 'libraryId']: chosen, from, to, lang };
  return (
    <Card withBorder maw={720}>
      <Stack>
        <Text size="sm" c="dimmed">{t('report.hint')}</Text>
        <SegmentedControl
          value={subject}
          onChange={(v) => setSubject(v)}
          data={[
            { value: 'municipality', label: t('report.forMunicipality') },
            { value: 'library', label: t('report.forLibrary') },
          ]}
        />
        {subject === 'municipality' ? (
          <Select label={t('requests.municipality')} data={(municipalities.data?.items ?? []).map((m) => ({ value: m.id, label: m.name }))} value={municipalityId} onChange={setMunicipalityId} searchable required data-testid="report-municipality" />
        ) : (
          <Select label={t('events.library')} data={libraryOptions(libraries.data?.items ?? [])} value={libraryId} onChange={setLibraryId} searchable required data-testid="report-library" />
        )}
        <Group align="flex-end">
          <DateField label={t('report.from')} value={from} onChange={setFrom} required w={160} />
          <DateField label={t('report.to')} value={to} onChange={setTo} required w={160} error={isPeriodWrong ? t('validation.end_before_start') : undefined} />
          <SegmentedControl value={lang} onChange={(v) => setLang(v)} data={[{ value: 'ru', label: 'Русский' }, { value: 'ky', label: 'Кыргызча' }]} />
        </Group>
        {!chosen && <Alert color="gray">{t('report.choose')}</Alert>}
        <Group>
          <Button component="a" href={isReady ? withQuery('/api/v1/municipal/report.pdf', query) : undefined} disabled={!isReady} leftSection={<IconFileTypePdf size={16} />} data-testid="report-pdf">
            {t('report.pdf')}
          </Button>
          <Button component="a" href={isReady ? withQuery('/api/v1/municipal/report.xlsx', query) : undefined} disabled={!isReady} variant="default" leftSection={<IconFileSpreadsheet size={16} />} data-testid="report-xlsx">
            {t('report.xlsx')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
