/** Validation and save-failure feedback for a Mantine form, shared by every form of the app. */
import type { UseFormReturnType } from '@mantine/form';
import { useCallback, useState } from 'react';
import type { z } from 'zod';
import { apiFieldErrors, showFieldErrors, zodFieldErrors } from './form-errors';
import { notifyError } from './notify';

/** Moves focus to the first field showing an error, so a keyboard user lands on what to fix. */
function focusFirstInvalid() {
  requestAnimationFrame(() => {
    const field = document.querySelector<HTMLElement>('form [aria-invalid="true"]');
    field?.focus();
    field?.scrollIntoView({ block: 'center' });
  });
}

export function useFormFeedback<V>(form: UseFormReturnType<V>, rename?: (path: string) => string) {
  const [general, setGeneral] = useState<string[]>([]);

  /** Parses the form's data with the shared schema; shows the problems and returns null when invalid. */
  const validate = useCallback(
    <S extends z.ZodType>(schema: S, input: unknown): z.output<S> | null => {
      const result = schema.safeParse(input);
      if (result.success) {
        form.clearErrors();
        setGeneral([]);
        return result.data;
      }
      setGeneral(showFieldErrors(form, zodFieldErrors(result.error), rename));
      focusFirstInvalid();
      return null;
    },
    [form, rename],
  );

  /** A failed save: field messages go to their fields, the rest above the form; the input stays. */
  const fail = useCallback(
    (error: unknown, context?: string) => {
      const fieldErrors = apiFieldErrors(error);
      const fieldsShown = Object.keys(fieldErrors).length > 0;
      if (fieldsShown) {
        setGeneral(showFieldErrors(form, fieldErrors, rename));
        focusFirstInvalid();
      } else {
        setGeneral([]);
      }
      // The messages are at their fields or in the alert above the form: the notice says only what happened.
      notifyError(error, context, { fieldsShown });
    },
    [form, rename],
  );

  return { general, validate, fail };
}
