/** Small field helpers shared by forms: enum options, dates as DD.MM.YYYY, 24-hour times, decimals. */
import { TextInput, type TextInputProps } from '@mantine/core';
import { DateInput, type DateInputProps } from '@mantine/dates';
import type { FocusEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../i18n/setup';
import { DATE_FORMAT, parseDateInput } from './format';

export interface Option {
  value: string;
  label: string;
}

/** Select options of an enum, labelled in the user's language. */
export function enumOptions<T extends string>(values: readonly T[], label: (value: T) => string): Option[] {
  return values.map((value) => ({ value, label: label(value) }));
}

/** A date field holding YYYY-MM-DD (what the API takes) while showing and accepting DD.MM.YYYY. */
export function DateField(props: DateInputProps) {
  const { t } = useTranslation();
  return (
    <DateInput
      valueFormat={DATE_FORMAT}
      dateParser={parseDateInput}
      placeholder={t('common.datePlaceholder')}
      clearable
      {...props}
    />
  );
}

/** Reads what people type for a time: "9" → "09:00", "930" → "09:30", "9.30" → "09:30". */
export function normalizeTime(text: string): string {
  const trimmed = text.trim();
  const match = /^(\d{1,2})(?:[:.\s-]?(\d{2}))?$/.exec(trimmed);
  if (!match) return trimmed;
  return `${match[1]!.padStart(2, '0')}:${match[2] ?? '00'}`;
}

type TimeFieldProps = Omit<TextInputProps, 'onChange'> & { onChange: (value: string) => void };

/**
 * A 24-hour time as HH:MM. A plain text field rather than the browser's time input, which shows
 * AM/PM on English-language systems and is slow to fill from the keyboard.
 */
export function TimeField({ onChange, onBlur, ...props }: TimeFieldProps) {
  const { t } = useTranslation();
  return (
    <TextInput
      placeholder={t('common.timePlaceholder')}
      maxLength={5}
      autoComplete="off"
      {...props}
      onChange={(event) => onChange(event.currentTarget.value)}
      onBlur={(event: FocusEvent<HTMLInputElement>) => {
        const normalized = normalizeTime(event.currentTarget.value);
        if (normalized !== event.currentTarget.value) onChange(normalized);
        onBlur?.(event);
      }}
    />
  );
}

/** Decimal comma for Russian and Kyrgyz, point for English; both keys are accepted when typing. */
export const decimalSeparator = () => (currentLanguage() === 'en' ? '.' : ',');
