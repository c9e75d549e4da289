/** What of an uploaded list was not read as an entry, named by line: headings skipped, lines joined to the entry before, numbers repeated. */
import { Alert, CloseButton, Group, List, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ListVersion } from './extremist-check-review';

interface Line {
  line: number;
  text: string;
}

export type ListRead = ListVersion & {
  skipped: number;
  skippedLines: Line[];
  joined: (Line & { number: number; entry: number })[];
  duplicates: (Line & { number: number })[];
};

export function ListReadReport({ read, onClose }: { read: ListRead; onClose: () => void }) {
  const { t } = useTranslation();
  const clean = read.skipped === 0 && read.joined.length === 0 && read.duplicates.length === 0;
  const section = (title: string, lines: string[], more = 0) =>
    lines.length > 0 && (
      <div>
        <Text size="sm" fw={500}>
          {title}
        </Text>
        <List size="sm" spacing={2}>
          {lines.map((line) => (
            <List.Item key={line}>{line}</List.Item>
          ))}
        </List>
        {more > 0 && (
          <Text size="sm" c="dimmed">
            {t('extremist.readMore', { count: more })}
          </Text>
        )}
      </div>
    );
  return (
    <Alert color={clean ? 'green' : 'yellow'} mt="sm" data-testid="extremist-list-read">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap="xs">
          <Text size="sm">{t('extremist.readEntries', { count: read.entryCount })}</Text>
          {section(
            t('extremist.readSkipped', { count: read.skipped }),
            read.skippedLines.map((l) => t('extremist.readLine', { line: l.line, text: l.text })),
            read.skipped - read.skippedLines.length,
          )}
          {section(
            t('extremist.readJoined'),
            read.joined.map((l) => t('extremist.readJoinedLine', { line: l.line, text: l.text, entry: l.entry })),
          )}
          {section(
            t('extremist.readDuplicates'),
            read.duplicates.map((l) => t('extremist.readDuplicateLine', { line: l.line, number: l.number })),
          )}
        </Stack>
        <CloseButton onClick={onClose} aria-label={t('common.close')} />
      </Group>
    </Alert>
  );
}
