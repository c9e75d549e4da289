/** A month as a grid of weeks: each day shows its events and the memorable dates falling on it. */
import { Anchor, Badge, Box, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paths } from '../../web/paths';
import type { EventRow, Suggestion } from './api';

const STATUS_COLOR = { planned: 'blue', held: 'teal', cancelled: 'gray' } as const;

interface MonthCalendarProps {
  /** "2026-05" */
  month: string;
  events: EventRow[];
  suggestions: Suggestion[];
  onPickDay?: (day: string) => void;
}

/** Days of the grid, Monday first, padded with the neighbouring months' days. */
function gridDays(month: string): { day: string; isInMonth: boolean }[] {
  const first = dayjs(`${month}-01`);
  const lead = (first.day() + 6) % 7;
  const start = first.subtract(lead, 'day');
  const count = Math.ceil((lead + first.daysInMonth()) / 7) * 7;
  return Array.from({ length: count }, (_, i) => {
    const d = start.add(i, 'day');
    return { day: d.format('YYYY-MM-DD'), isInMonth: d.format('YYYY-MM') === month };
  });
}

export function MonthCalendar({ month, events, suggestions, onPickDay }: MonthCalendarProps) {
  const { t } = useTranslation();
  const byDay = new Map<string, EventRow[]>();
  for (const e of events) {
    const day = e.heldOn ?? e.plannedOn;
    byDay.set(day, [...(byDay.get(day) ?? []), e]);
  }
  const dates = new Map<string, Suggestion[]>();
  for (const s of suggestions) if (s.date) dates.set(s.date, [...(dates.get(s.date) ?? []), s]);
  const today = dayjs().format('YYYY-MM-DD');
  const weekdays = Array.from({ length: 7 }, (_, i) => dayjs('2024-01-01').add(i, 'day').format('dd'));
  return (
    <Box data-testid="event-calendar">
      <SimpleGrid cols={7} spacing={4} mb={4}>
        {weekdays.map((w) => (
          <Text key={w} size="xs" c="dimmed" ta="center" tt="uppercase">
            {w}
          </Text>
        ))}
      </SimpleGrid>
      <SimpleGrid cols={7} spacing={4}>
        {gridDays(month).map(({ day, isInMonth }) => (
          <Paper
            key={day}
            withBorder
            p={4}
            mih={96}
            bg={isInMonth ? undefined : 'gray.0'}
            style={{ borderColor: day === today ? 'var(--mantine-color-teal-6)' : undefined, cursor: onPickDay ? 'copy' : undefined }}
            onDoubleClick={() => onPickDay?.(day)}
            data-testid="calendar-day"
            data-day={day}
          >
            <Text size="xs" fw={day === today ? 700 : 400} c={isInMonth ? undefined : 'dimmed'}>
              {dayjs(day).date()}
            </Text>
            <Stack gap={2}>
              {(dates.get(day) ?? []).map((s) => (
                <Text key={s.id} size="xs" c="grape.7" fs="italic" lineClamp={2} title={t('events.memorableDate')}>
                  ★ {s.title}
                </Text>
              ))}
              {(byDay.get(day) ?? []).map((e) => (
                <Anchor key={e.id} component={Link} to={paths.event(e.id)} size="xs" lineClamp={2} data-testid="calendar-event" c={e.status === 'cancelled' ? 'dimmed' : undefined} td={e.status === 'cancelled' ? 'line-through' : undefined}>
                  <Badge size="xs" variant="dot" color={STATUS_COLOR[e.status]} mr={2} component="span">
                    {e.startTime ?? ''}
                  </Badge>
                  {e.title}
                </Anchor>
              ))}
            </Stack>
          </Paper>
        ))}
      </SimpleGrid>
    </Box>
  );
}
