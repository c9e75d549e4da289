/** Save and failure notices, one look for every form. */
import { notifications } from '@mantine/notifications';
import { ApiError } from '../api/client';
import { i18n } from '../i18n/setup';

export function notifySaved(message: string = i18n.t('common.saved')) {
  notifications.show({ color: 'teal', message, autoClose: 3000 });
}

/**
 * The text to show for a failed request: the server's own title and, when it says more, its detail
 * (both already in the user's language). The title of refused input is only "Проверьте введённые
 * данные."; the detail names what is wrong ("marc: В записи нет заглавия…"). Other problems repeat
 * their title as the detail, and show it once.
 */
export function errorText(error: unknown): string {
  if (!(error instanceof ApiError)) return i18n.t('errors.unknown');
  if (error.status === 403 && error.problem.code === 'forbidden') return i18n.t('errors.forbidden');
  const { title, detail } = error.problem;
  return detail && detail !== title ? `${title} ${detail}` : title;
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
