/** История паспорта: the years with a saved passport; choosing one shows it. */
import { Grid, NavLink, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, QueryState } from '../../web/ui/feedback';
import { formatDateTime } from '../../web/ui/format';
import { usePassport, usePassportYears } from './api';
import { PassportView } from './passport-view';

function YearPassport({ libraryId, year }: { libraryId: string; year: number }) {
  const { t } = useTranslation();
  const passport = usePassport(libraryId, year);
  return (
    <QueryState query={passport}>
      {(data) => (
        <Stack gap="sm">
          <Text fw={600}>{t('passport.ofYear', { year: data.year })}</Text>
          <PassportView data={data.data} />
        </Stack>
      )}
    </QueryState>
  );
}

export function PassportHistory({ libraryId }: { libraryId: string }) {
  const { t } = useTranslation();
  const years = usePassportYears(libraryId);
  const [chosen, setChosen] = useState<number | null>(null);
  return (
    <QueryState query={years}>
      {(items) => {
        if (items.length === 0) return <EmptyState>{t('history.empty')}</EmptyState>;
        const year = chosen ?? items[0]?.year ?? null;
        return (
          <Grid>
            <Grid.Col span={{ base: 12, md: 3 }}>
              <nav aria-label={t('history.choose')}>
                {items.map((item) => (
                  <NavLink
                    key={item.year}
                    component="button"
                    type="button"
                    label={String(item.year)}
                    description={`${t('history.updatedAt')}: ${formatDateTime(item.updatedAt)}`}
                    active={item.year === year}
                    aria-current={item.year === year ? 'true' : undefined}
                    onClick={() => setChosen(item.year)}
                    data-testid="passport-history-year"
                  />
                ))}
              </nav>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 9 }}>
              {year !== null && <YearPassport libraryId={libraryId} year={year} />}
            </Grid.Col>
          </Grid>
        );
      }}
    </QueryState>
  );
}
