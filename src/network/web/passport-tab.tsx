/** The Паспорт tab: the latest passport (or the one just saved), and its editor for those allowed. */
import { Button, Group, Stack, Text } from '@mantine/core';
import { IconEdit } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, QueryState } from '../../web/ui/feedback';
import { formatDateTime } from '../../web/ui/format';
import { usePassport, type LibraryDetail } from './api';
import { PassportEditor } from './passport-editor';
import { PassportView } from './passport-view';

export function PassportTab({ library }: { library: LibraryDetail }) {
  const { t } = useTranslation();
  const [isEditing, setEditing] = useState(false);
  const [shownYear, setShownYear] = useState<number | null>(null);
  const year = shownYear ?? library.passportYear;
  const passport = usePassport(library.id, year);

  if (isEditing) {
    return (
      <PassportEditor
        libraryId={library.id}
        onDone={(savedYear) => {
          if (savedYear) setShownYear(savedYear);
          setEditing(false);
        }}
      />
    );
  }

  const editButton = library.permissions.canEditPassport && (
    <Button leftSection={<IconEdit size={16} />} onClick={() => setEditing(true)} data-testid="passport-edit">
      {t('passport.edit')}
    </Button>
  );

  if (year === null) {
    return (
      <Stack align="flex-start">
        <EmptyState>{t('passport.notFilled')}</EmptyState>
        {editButton}
      </Stack>
    );
  }

  return (
    <QueryState query={passport}>
      {(data) => (
        <Stack gap="md">
          <Group justify="space-between">
            <div>
              <Text fw={600} data-testid="passport-year-shown">
                {t('passport.ofYear', { year: data.year })}
              </Text>
              {data.updatedAt && (
                <Text size="sm" c="dimmed">
                  {t('passport.updatedAt', { date: formatDateTime(data.updatedAt) })}
                </Text>
              )}
            </div>
            {editButton}
          </Group>
          <PassportView data={data.data} />
        </Stack>
      )}
    </QueryState>
  );
}
