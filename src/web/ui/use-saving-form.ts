/**
 * A dialog form that validates with a shared zod schema, saves, says so, refreshes the lists it
 * changed and closes; a refused save shows its problems on the fields and keeps the input.
 */
import type { UseFormReturnType } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { notifySaved } from './notify';
import { useFormFeedback } from './use-form-feedback';

/** A Mantine NumberInput's value for the schema: an empty field ('') is null. */
export const numberOrNull = (value: number | string) => (typeof value === 'number' ? value : null);

interface SavingFormOptions<V, S extends z.ZodType> {
  schema: S;
  /** Turns the form's values into what the schema parses (empty number fields to null…). */
  prepare?: (values: V) => unknown;
  save: (input: z.output<S>) => Promise<unknown>;
  /** Query keys whose data the save changes. */
  refresh: readonly string[];
  onClose: () => void;
}

export function useSavingForm<V, S extends z.ZodType>(form: UseFormReturnType<V>, options: SavingFormOptions<V, S>) {
  const queryClient = useQueryClient();
  const feedback = useFormFeedback(form);
  const mutation = useMutation({
    mutationFn: options.save,
    onSuccess: () => {
      notifySaved();
      for (const key of options.refresh) void queryClient.invalidateQueries({ queryKey: [key] });
      options.onClose();
    },
    onError: (error) => feedback.fail(error),
  });
  const submit = form.onSubmit((values) => {
    const input = feedback.validate(options.schema, options.prepare ? options.prepare(values) : values);
    if (input) mutation.mutate(input);
  });
  return { submit, isSaving: mutation.isPending, general: feedback.general };
}
