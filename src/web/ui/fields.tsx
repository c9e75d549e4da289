/** Small field helpers shared by forms: enum options, dates as DD.MM.YYYY, 24-hour times, decimals. */
import { TextInput, type TextInputProps } from '@mantine/core';
import { DateInput, type DateInputProps } from '@mantine/dates';
import { useEffect, useRef, useState, type FocusEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../i18n/setup';
import { DATE_FORMAT, dateInputProblem, parseDateInput } from './format';

export interface Option {
  value: string;
  label: string;
}

/** Select options of an enum, labelled in the user's language. */
export function enumOptions<T extends string>(values: readonly T[], label: (value: T) => string): Option[] {
  return values.map((value) => ({ value, label: label(value) }));
}

/**
 * A date field holding YYYY-MM-DD (what the API takes) while showing and accepting DD.MM.YYYY. A day the
 * calendar has not got (30.02.2026) or text that is no date is refused, never rolled over: the text stays
 * in the field with a message saying what is wrong (an impossible date at once, unfinished text when the
 * person leaves the field), the value stays what it was, and the form around the field is not sent until
 * the date is corrected or cleared.
 */
export function DateField({ onInput, onBlur, error, value, ...props }: DateInputProps) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  /** Typed text that is no date, and whether its message shows yet. */
  const [refused, setRefused] = useState<{ text: string; problem: 'impossible' | 'format'; shown: boolean } | null>(
    null,
  );
  // A new value (a day picked, a form reset) replaces whatever was refused.
  useEffect(() => setRefused(null), [value]);
  useEffect(() => {
    const form = input.current?.form;
    if (!refused || !form) return;
    // Runs before React's own submit handling (at the form, not at the root) and stops it there.
    const hold = (event: Event) => {
      event.preventDefault();
      event.stopImmediatePropagation();
      setRefused((r) => r && { ...r, shown: true });
      input.current?.focus();
    };
    form.addEventListener('submit', hold, { capture: true });
    return () => form.removeEventListener('submit', hold, { capture: true });
  }, [refused]);
  const message = refused?.shown
    ? refused.problem === 'impossible'
      ? t('validation.date_impossible', { text: refused.text.trim() })
      : t('validation.date')
    : null;
  return (
    <DateInput
      ref={input}
      valueFormat={DATE_FORMAT}
      dateParser={parseDateInput}
      placeholder={t('common.datePlaceholder')}
      clearable
      {...props}
      value={value}
      error={message ?? error}
      // Leaving the field keeps refused text in it, with its message, rather than silently putting back the old date.
      fixOnBlur={!refused}
      onInput={(event) => {
        const text = event.currentTarget.value;
        const problem = dateInputProblem(text);
        // An impossible date is complete: said at once; unfinished text only when the person leaves the field.
        setRefused(problem && { text, problem, shown: problem === 'impossible' });
        onInput?.(event);
      }}
      onBlur={(event) => {
        setRefused((r) => r && { ...r, shown: true });
        onBlur?.(event);
      }}
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
