/** The record's raw MARC as a readable table, and an expert editor of the whole record as lines of text (marc-lines.ts). */
import { Alert, Button, Group, Stack, Table, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { api, type ApiError } from '../../web/api/client';
import { issueMessage } from '../../web/ui/form-errors';
import { errorText, notifySaved } from '../../web/ui/notify';
import { ZMarcRecord } from '../catalog.schemas';
import { inTagOrder, linesToMarc, marcToLines } from '../marc-lines';
import { refreshCatalog, type MarcRecord, type RecordDetail } from './api';
import { isRecordChanged, RecordChangedAlert } from './record-changed';

/**
 * Values as stored: positional data (100 $a, 008) means something at every position, so runs of
 * spaces are kept; long values still wrap.
 */
const VALUE_STYLE = { whiteSpace: 'pre-wrap', wordBreak: 'break-word' } as const;

export function MarcTable({ marc }: { marc: MarcRecord }) {
  const { t } = useTranslation();
  return (
    <Table striped withTableBorder verticalSpacing={4} data-testid="marc-table" ff="monospace" fz="sm">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={70}>{t('marc.tag')}</Table.Th>
          <Table.Th w={70}>{t('marc.indicators')}</Table.Th>
          <Table.Th>{t('marc.content')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        <Table.Tr>
          <Table.Td>LDR</Table.Td>
          <Table.Td />
          <Table.Td style={{ whiteSpace: 'pre' }}>{marc.leader}</Table.Td>
        </Table.Tr>
        {marc.fields.map((field, index) => (
          <Table.Tr key={`${field.tag}-${index}`}>
            <Table.Td fw={700}>{field.tag}</Table.Td>
            <Table.Td style={{ whiteSpace: 'pre' }}>{'subfields' in field ? `${field.ind1}${field.ind2}`.replace(/ /g, '#') : ''}</Table.Td>
            <Table.Td style={VALUE_STYLE}>
              {'subfields' in field
                ? field.subfields.map((sf, i) => (
                    <span key={i}>
                      <Text span c="teal.8" fw={700}>
                        ${sf.code}
                      </Text>{' '}
                      {sf.value}{' '}
                    </span>
                  ))
                : field.value}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** What is wrong with the typed lines, each message naming its line; an empty list when it may be saved. */
function problemsOf(text: string, t: TFunction): { marc: MarcRecord | null; messages: string[] } {
  const read = linesToMarc(text);
  const at = (line: number, message: string) => (line > 0 ? t('marc.line', { line, message }) : message);
  if (!read.marc) return { marc: null, messages: read.problems.map((p) => at(p.line, t(`marc.problem.${p.code}`))) };
  const checked = ZMarcRecord.safeParse(read.marc);
  if (checked.success) return { marc: inTagOrder(checked.data), messages: [] };
  return {
    marc: null,
    messages: checked.error.issues.slice(0, 10).map((issue) => {
      const [where, index, ...rest] = issue.path;
      const line = where === 'fields' && typeof index === 'number' ? (read.fieldLines[index] ?? 0) : where === 'leader' ? 1 : 0;
      return at(line, t('marc.invalidMarc', { message: `${rest.join('.') || String(where ?? '')}: ${issueMessage(issue)}` }));
    }),
  };
}

export function RecordMarcTab({ record }: { record: RecordDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [text, setText] = useState<string | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  /** The record's updatedAt when editing began: the save is refused when someone has saved it since. */
  const [version, setVersion] = useState<string | null>(null);
  const [changed, setChanged] = useState<ApiError | null>(null);
  const close = () => {
    setText(null);
    setProblems([]);
    setChanged(null);
  };
  const save = useMutation({
    mutationFn: (marc: MarcRecord) => api.put(`/api/v1/catalog/records/${record.id}/marc`, { marc, expectedUpdatedAt: version ?? undefined }),
    onSuccess: () => {
      notifySaved(t('marc.saved'));
      refreshCatalog(queryClient, record.id);
      close();
    },
    // The typed lines stay in the editor either way.
    onError: (error) => (isRecordChanged(error) ? setChanged(error) : setProblems([errorText(error)])),
  });

  const submit = () => {
    const { marc, messages } = problemsOf(text ?? '', t);
    setProblems(messages);
    if (marc) save.mutate(marc);
  };

  if (text === null) {
    return (
      <Stack>
        {record.permissions.canEdit && !record.isDeleted && (
          <Group>
            <Button variant="default" onClick={() => (setText(marcToLines(record.marc)), setVersion(record.updatedAt))} data-testid="marc-edit">
              {t('marc.edit')}
            </Button>
          </Group>
        )}
        <MarcTable marc={record.marc} />
      </Stack>
    );
  }
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t('marc.linesHint')}
      </Text>
      {problems.length > 0 && (
        <Alert color="red" role="alert" data-testid="marc-error">
          {problems.map((message) => (
            <div key={message}>{message}</div>
          ))}
        </Alert>
      )}
      <Textarea
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        autosize
        minRows={12}
        maxRows={40}
        styles={{ input: { fontFamily: 'monospace', fontSize: 13, whiteSpace: 'pre', overflowX: 'auto' } }}
        spellCheck={false}
        wrap="off"
        aria-label={t('marc.edit')}
        data-testid="marc-lines"
      />
      {/* Next to the button just pressed: the editor above may be taller than the screen. */}
      {changed && <RecordChangedAlert recordId={record.id} error={changed} />}
      <Group justify="flex-end">
        <Button variant="default" onClick={close}>
          {t('common.cancel')}
        </Button>
        <Button onClick={submit} loading={save.isPending} disabled={changed !== null} data-testid="marc-save">
          {t('common.save')}
        </Button>
      </Group>
    </Stack>
  );
}
