/** The record's raw MARC as a readable table, and an expert editor of the whole record as JSON. */
import { Alert, Button, Code, Group, Stack, Table, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../web/api/client';
import { issueMessage } from '../../web/ui/form-errors';
import { errorText, notifySaved } from '../../web/ui/notify';
import { ZMarcRecord } from '../catalog.schemas';
import { refreshCatalog, type MarcRecord, type RecordDetail } from './api';

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
            <Table.Td style={{ wordBreak: 'break-word' }}>
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

export function RecordMarcTab({ record }: { record: RecordDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [json, setJson] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (marc: unknown) => api.put(`/api/v1/catalog/records/${record.id}/marc`, { marc }),
    onSuccess: () => {
      notifySaved(t('marc.saved'));
      refreshCatalog(queryClient, record.id);
      setJson(null);
      setProblem(null);
    },
    onError: (error) => setProblem(errorText(error)),
  });

  const submit = () => {
    let value: unknown;
    try {
      value = JSON.parse(json ?? '');
    } catch (error) {
      setProblem(t('marc.invalidJson', { message: (error as Error).message }));
      return;
    }
    const result = ZMarcRecord.safeParse(value);
    if (!result.success) {
      const issue = result.error.issues[0]!;
      setProblem(t('marc.invalidMarc', { message: `${issue.path.join('.')}: ${issueMessage(issue)}` }));
      return;
    }
    setProblem(null);
    save.mutate(result.data);
  };

  if (json === null) {
    return (
      <Stack>
        {record.permissions.canEdit && !record.isDeleted && (
          <Group>
            <Button variant="default" onClick={() => setJson(JSON.stringify(record.marc, null, 2))} data-testid="marc-edit">
              {t('marc.editJson')}
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
        {t('marc.expertHint')} <Code>{'{"leader": "…", "fields": [{"tag": "200", "ind1": "1", "ind2": " ", "subfields": [{"code": "a", "value": "…"}]}]}'}</Code>
      </Text>
      {problem && (
        <Alert color="red" role="alert" data-testid="marc-error">
          {problem}
        </Alert>
      )}
      <Textarea
        value={json}
        onChange={(e) => setJson(e.currentTarget.value)}
        autosize
        minRows={16}
        maxRows={40}
        styles={{ input: { fontFamily: 'monospace', fontSize: 13 } }}
        spellCheck={false}
        aria-label={t('marc.editJson')}
        data-testid="marc-json"
      />
      <Group justify="flex-end">
        <Button variant="default" onClick={() => (setJson(null), setProblem(null))}>
          {t('common.cancel')}
        </Button>
        <Button onClick={submit} loading={save.isPending} data-testid="marc-save">
          {t('common.save')}
        </Button>
      </Group>
    </Stack>
  );
}
