/** Switches the interface language at once; for a signed-in user the choice is saved to the account. */
import { Select } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type TLanguage } from '../../staff/staff.schemas';
import { api } from '../api/client';
import { applyLanguage, currentLanguage, isLanguage } from '../i18n/setup';
import { useSessionQuery, useUpdateSessionUser } from '../session';
import { notifyError } from '../ui/notify';

export function LanguageSwitcher() {
  const { t } = useTranslation();
  const { data: session } = useSessionQuery();
  const updateUser = useUpdateSessionUser();
  const save = useMutation({
    mutationFn: (language: TLanguage) => api.put<void>('/api/v1/session/language', { language }),
    onSuccess: (_, language) => updateUser({ language }),
    onError: (error) => notifyError(error),
  });

  const onChange = (language: string | null) => {
    if (!isLanguage(language) || language === currentLanguage()) return;
    void applyLanguage(language);
    if (session) save.mutate(language);
  };

  return (
    <Select
      aria-label={t('nav.language')}
      data-testid="language-switcher"
      value={currentLanguage()}
      onChange={onChange}
      data={LANGUAGES.map((language) => ({ value: language, label: t(`language.${language}`) }))}
      allowDeselect={false}
      withCheckIcon={false}
      size="xs"
      w={120}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
