/** Importing a MARC file from the staff app: options, upload, a progress bar, then the report. */
import { Alert, Button, Checkbox, FileInput, Group, Paper, Progress, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconUpload } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useLibraries } from '../../network/web/api';
import { api } from '../../web/api/client';
import { OPTIONS_PAGE_SIZE } from '../../web/api/types';
import { ErrorState } from '../../web/ui/feedback';
import { errorText } from '../../web/ui/notify';
import { PageHeader } from '../../web/ui/page-header';
import { useJob, type ImportSummary } from './api';
import { ImportHistory } from './import-history';
import { Counts, ImportResult, parseCounts } from './import-result';

const FORMATS = ['auto', 'iso2709', 'marcxml'] as const;
const SCHEMAS = ['auto', 'rusmarc', 'marc21'] as const;
const ENCODINGS = ['auto', 'utf-8', 'cp1251', 'cp866', 'koi8-r', 'marc-8'] as const;
const OPTIONS_KEY = 'kitepkana.import.options';

interface ImportOptions {
  format: string;
  schema: string;
  encoding: string;
  match: string;
  libraryId: string;
}
const DEFAULTS: ImportOptions = { format: 'auto', schema: 'auto', encoding: 'auto', match: 'isbn', libraryId: '' };

/** The options chosen last time, so a second file goes in the same way. */
function savedOptions(): ImportOptions {
  try {
    return { ...DEFAULTS, ...(JSON.parse(localStorage.getItem(OPTIONS_KEY) ?? '{}') as Partial<ImportOptions>) };
  } catch {
    return DEFAULTS;
  }
}

function JobProgress({ jobId }: { jobId: string }) {
  const { t } = useTranslation();
  const job = useJob(jobId);
  const queryClient = useQueryClient();
  const finished = job.data?.status === 'done' || job.data?.status === 'failed' || job.data?.status === 'cancelled';
  // The list of earlier imports below shows this one's outcome as soon as it has one.
  useEffect(() => {
    if (finished) void queryClient.invalidateQueries({ queryKey: ['catalog-imports'] });
  }, [finished, queryClient]);
  if (job.isError) return <ErrorState error={job.error} onRetry={() => void job.refetch()} />;
  const data = job.data;
  if (data?.status === 'done') return <ImportResult jobId={jobId} summary={data.result as ImportSummary} />;
  if (data?.status === 'failed' || data?.status === 'cancelled') {
    return (
      <Alert color="red" title={t('import.failed')} role="alert" data-testid="import-failed">
        {data.error}
      </Alert>
    );
  }
  const total = data?.progress.total ?? 0;
  const percent = total > 0 ? Math.min(100, (data!.progress.done / total) * 100) : 0;
  const counts = parseCounts(data?.progress.message);
  return (
    <Stack data-testid="import-running">
      <Text>{data?.status === 'running' ? t('import.running') : t('import.queued')}</Text>
      <Progress value={percent} size="xl" animated striped data-testid="import-progress" aria-label={t('import.running')} />
      {counts ? (
        <Counts
          values={[
            [t('import.read'), counts[0]!],
            [t('import.created'), counts[1]!],
            [t('import.matched'), counts[2]!],
            [t('import.rejected'), counts[3]!],
          ]}
        />
      ) : (
        data?.progress.message && <Text size="sm">{data.progress.message}</Text>
      )}
    </Stack>
  );
}

export function ImportPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const jobId = search.get('job');
  const [file, setFile] = useState<File | null>(null);
  const [options, setOptions] = useState<ImportOptions>(savedOptions);
  // Not remembered with the other options: it overwrites records, so it is chosen for one file at a time.
  const [replace, setReplace] = useState(false);
  // A double click must not start the same file twice (with "no matching" that would duplicate records).
  const starting = useRef(false);
  const libraries = useLibraries({ pageSize: OPTIONS_PAGE_SIZE });
  const queryClient = useQueryClient();
  const set = (key: keyof ImportOptions) => (value: string | null) => {
    const next = { ...options, [key]: value ?? '' };
    setOptions(next);
    localStorage.setItem(OPTIONS_KEY, JSON.stringify(next));
  };
  const upload = useMutation({
    mutationFn: (chosen: File) =>
      api.upload<{ jobId: string }>('/api/v1/catalog/imports', chosen, {
        ...options,
        ...(replace ? { replace: 'true' } : {}),
        fileName: chosen.name.slice(0, 200),
      }),
    onSuccess: ({ jobId: id }) => {
      setSearch({ job: id }, { replace: true });
      setFile(null);
      setReplace(false);
      void queryClient.invalidateQueries({ queryKey: ['catalog-imports'] });
    },
  });
  const label = (value: string) => (value === 'auto' ? t('import.auto') : value.toUpperCase());

  return (
    <>
      <PageHeader title={t('import.title')} />
      <Stack maw={960}>
        <Paper withBorder p="md">
          <Stack>
            <FileInput
              label={t('import.file')}
              placeholder={t('import.filePlaceholder')}
              value={file}
              onChange={setFile}
              accept=".iso,.mrc,.marc,.xml,.dat,application/marc,application/xml,text/xml"
              clearable
              leftSection={<IconUpload size={16} />}
              data-testid="import-file"
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select label={t('import.format')} data={FORMATS.map((v) => ({ value: v, label: label(v) }))} value={options.format} onChange={set('format')} allowDeselect={false} />
              <Select
                label={t('import.schema')}
                data={SCHEMAS.map((v) => ({ value: v, label: v === 'auto' ? t('import.auto') : t(`marcFormat.${v}`) }))}
                value={options.schema}
                onChange={set('schema')}
                allowDeselect={false}
              />
              <Select label={t('import.encoding')} data={ENCODINGS.map((v) => ({ value: v, label: label(v) }))} value={options.encoding} onChange={set('encoding')} allowDeselect={false} />
              <Select
                label={t('import.match')}
                data={[
                  { value: 'isbn', label: t('import.matchIsbn') },
                  { value: 'control-number', label: t('import.matchControl') },
                  { value: 'none', label: t('import.matchNone') },
                ]}
                value={options.match}
                onChange={set('match')}
                allowDeselect={false}
              />
            </SimpleGrid>
            <Select
              label={t('import.library')}
              placeholder={t('import.noLibrary')}
              data={(libraries.data?.items ?? []).map((l) => ({ value: l.id, label: `${l.name} (${l.code})` }))}
              value={options.libraryId || null}
              onChange={set('libraryId')}
              searchable
              clearable
              data-testid="import-library"
            />
            <Checkbox
              label={t('import.replace')}
              description={t('import.replaceHint')}
              checked={replace}
              onChange={(e) => setReplace(e.currentTarget.checked)}
              data-testid="import-replace"
            />
            {upload.isError && (
              <Alert color="red" role="alert" data-testid="import-error">
                {errorText(upload.error)}
              </Alert>
            )}
            <Group>
              <Button
                leftSection={<IconUpload size={16} />}
                disabled={!file}
                loading={upload.isPending}
                onClick={() => {
                  if (!file || starting.current) return;
                  starting.current = true;
                  upload.mutate(file, { onSettled: () => (starting.current = false) });
                }}
                data-testid="import-start"
              >
                {upload.isPending ? t('import.uploading') : t('import.start')}
              </Button>
            </Group>
          </Stack>
        </Paper>
        {jobId && (
          <Paper withBorder p="md">
            <JobProgress key={jobId} jobId={jobId} />
          </Paper>
        )}
        <ImportHistory openedId={jobId} onOpen={(id) => setSearch({ job: id }, { replace: true })} />
      </Stack>
    </>
  );
}
