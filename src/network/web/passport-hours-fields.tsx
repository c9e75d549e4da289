/** Opening hours in the passport form: one row per weekday with a closed toggle and a break. */
import { Switch, Table, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { TimeField } from '../../web/ui/fields';
import { WEEKDAYS, type TWeekday } from '../network.schemas';
import { passportTestId, type PassportFormValues } from './passport-form-values';

const TIME_FIELDS = ['open', 'close', 'breakFrom', 'breakTo'] as const;

function DayRow({ form, day }: { form: UseFormReturnType<PassportFormValues>; day: TWeekday }) {
  const { t } = useTranslation();
  const dayName = t(`weekday.${day}`);
  const isOpen = form.values.hours[day].isOpen;
  return (
    <Table.Tr>
      <Table.Th scope="row" fw={500} style={{ verticalAlign: 'top', paddingTop: 10 }}>
        {dayName}
      </Table.Th>
      <Table.Td style={{ verticalAlign: 'top', paddingTop: 10 }}>
        <Switch
          aria-label={`${dayName}: ${t('passport.isOpen')}`}
          label={isOpen ? t('passport.isOpen') : t('passport.closed')}
          data-testid={passportTestId(`hours.${day}.isOpen`)}
          {...form.getInputProps(`hours.${day}.isOpen`, { type: 'checkbox' })}
        />
      </Table.Td>
      {TIME_FIELDS.map((field) => (
        <Table.Td key={field} w={130} style={{ verticalAlign: 'top' }}>
          <TimeField
            aria-label={`${dayName}: ${t(`passport.${field}`)}`}
            disabled={!isOpen}
            data-testid={passportTestId(`hours.${day}.${field}`)}
            {...form.getInputProps(`hours.${day}.${field}`)}
          />
        </Table.Td>
      ))}
    </Table.Tr>
  );
}

export function PassportHoursFields({ form }: { form: UseFormReturnType<PassportFormValues> }) {
  const { t } = useTranslation();
  return (
    <>
      <Table.ScrollContainer minWidth={720}>
        <Table verticalSpacing={4} withRowBorders={false}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th />
              <Table.Th />
              {TIME_FIELDS.map((field) => (
                <Table.Th key={field}>{t(`passport.${field}`)}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {WEEKDAYS.map((day) => (
              <DayRow key={day} form={form} day={day} />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <TextInput
        label={t('passport.hoursNote')}
        data-testid={passportTestId('hoursNote')}
        {...form.getInputProps('hoursNote')}
      />
    </>
  );
}
