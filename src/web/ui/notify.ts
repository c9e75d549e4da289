/** Save and failure notices, one look for every form. */
import { notifications } from '@mantine/notifications';
import { ApiError } from '../api/client';
import { i18n } from '../i18n/setup';

export function notifySaved(message: string = i18n.t('common.saved')) {
  notifications.show({ color: 'teal', message, autoClose: 3000 });
}

/** The text to show for a failed request: the server's own title (already in the user's language). */
export function errorText(error: unknown): string {
  if (!(error instanceof ApiError)) return i18n.t('errors.unknown');
  if (error.status === 403 && error.problem.code === 'forbidden') return i18n.t('errors.forbidden');
  return error.problem.title;
}

/** A red notice; `context` (e.g. "Passport not saved") heads it when given. */
export function notifyError(error: unknown, context?: string) {
  const text = errorText(error);
  notifications.show(
    context
      ? { color: 'red', title: context, message: text, autoClose: 8000 }
      : { color: 'red', message: text, autoClose: 8000 },
  );
}
