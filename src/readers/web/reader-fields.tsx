/** The person's fields, shared by registration and editing: name, birth date, category, contacts, guardian under 14. */
import { Alert, Select, SimpleGrid, Stack, Textarea, TextInput, Title } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../web/i18n/setup';
import { DateField } from '../../web/ui/fields';
import { ageOn, GUARDIAN_REQUIRED_UNDER } from '../age';
import { categoryLabel } from '../readers.schemas';
import type { ReaderCategory } from './api';

export interface PersonValues {
  surname: string;
  firstName: string;
  patronymic: string;
  birthDate: string | null;
  sex: string | null;
  categoryId: string;
  phone: string;
  email: string;
  address: string;
  notes: string;
  guardianName: string;
  guardianRelation: string;
  guardianPhone: string;
}

export const emptyPerson = (): PersonValues => ({
  surname: '',
  firstName: '',
  patronymic: '',
  birthDate: null,
  sex: null,
  categoryId: '',
  phone: '',
  email: '',
  address: '',
  notes: '',
  guardianName: '',
  guardianRelation: '',
  guardianPhone: '',
});

/** Whether the person, by the birth date typed so far, needs a guardian. */
export function needsGuardian(birthDate: string | null): boolean {
  return !!birthDate && /^\d{4}-\d{2}-\d{2}$/.test(birthDate) && ageOn(birthDate) < GUARDIAN_REQUIRED_UNDER;
}

export function PersonFields<V extends PersonValues>({
  form,
  categories,
}: {
  form: UseFormReturnType<V>;
  categories: ReaderCategory[];
}) {
  const { t } = useTranslation();
  const f = form as unknown as UseFormReturnType<PersonValues>;
  const minor = needsGuardian(f.values.birthDate);
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput label={t('readers.surname')} required {...f.getInputProps('surname')} data-testid="reader-surname" />
        <TextInput
          label={t('readers.firstName')}
          required
          {...f.getInputProps('firstName')}
          data-testid="reader-first-name"
        />
        <TextInput label={t('readers.patronymic')} {...f.getInputProps('patronymic')} data-testid="reader-patronymic" />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <DateField
          label={t('readers.birthDate')}
          required
          {...f.getInputProps('birthDate')}
          data-testid="reader-birth-date"
        />
        <Select
          label={t('readers.sex')}
          data={[
            { value: 'f', label: t('readers.sexes.f') },
            { value: 'm', label: t('readers.sexes.m') },
          ]}
          clearable
          {...f.getInputProps('sex')}
        />
        <Select
          label={t('readers.category')}
          required
          allowDeselect={false}
          data={categories.filter((c) => c.isActive || c.id === f.values.categoryId).map((c) => ({ value: c.id, label: categoryLabel(c, currentLanguage()) }))}
          {...f.getInputProps('categoryId')}
          data-testid="reader-category"
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('readers.phone')} type="tel" {...f.getInputProps('phone')} data-testid="reader-phone" />
        <TextInput label={t('readers.email')} type="email" {...f.getInputProps('email')} />
      </SimpleGrid>
      <TextInput label={t('readers.address')} {...f.getInputProps('address')} data-testid="reader-address" />
      {minor && (
        <Stack gap="xs" data-testid="guardian-block">
          <Title order={5}>{t('readers.guardian')}</Title>
          <Alert color="blue" p="xs">
            {t('readers.guardianHint')}
          </Alert>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              label={t('readers.guardianName')}
              required
              {...f.getInputProps('guardianName')}
              data-testid="guardian-name"
            />
            <TextInput
              label={t('readers.guardianRelation')}
              placeholder={t('readers.guardianRelationPlaceholder')}
              required
              {...f.getInputProps('guardianRelation')}
              data-testid="guardian-relation"
            />
            <TextInput
              label={t('readers.guardianPhone')}
              type="tel"
              required
              {...f.getInputProps('guardianPhone')}
              data-testid="guardian-phone"
            />
          </SimpleGrid>
        </Stack>
      )}
      <Textarea label={t('readers.notes')} autosize minRows={1} {...f.getInputProps('notes')} />
    </Stack>
  );
}

/** The form's values as the API takes them (empty select → null, no guardian fields for adults kept as typed). */
export function personInput(values: PersonValues) {
  return { ...values, birthDate: values.birthDate ?? '', sex: values.sex || null };
}
