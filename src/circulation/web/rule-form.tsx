/** The form of one loan rule: where it applies (library, reader category, item type) and its limits. */
import { Button, Group, NumberInput, Select, Stack, Switch } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { MATERIAL_TYPES } from '../../catalog/catalog.schemas';
import { api } from '../../web/api/client';
import { FormAlert } from '../../web/ui/feedback';
import { numberOrNull, useSavingForm } from '../../web/ui/use-saving-form';
import { ZLoanRuleInput } from '../circulation.schemas';
import type { LoanRule } from './api';

export interface Option {
  value: string;
  label: string;
}

interface RuleFormProps {
  networkId: string;
  rule: LoanRule | null;
  libraries: Option[];
  categories: Option[];
  onClose: () => void;
}

export function RuleForm({ networkId, rule, libraries, categories, onClose }: RuleFormProps) {
  const { t } = useTranslation();
  const form = useForm({
    initialValues: {
      libraryId: rule?.libraryId ?? null,
      readerCategoryId: rule?.readerCategoryId ?? null,
      itemType: rule?.itemType ?? null,
      loanDays: (rule?.loanDays ?? 14) as number | string,
      maxItems: (rule?.maxItems ?? 10) as number | string,
      maxRenewals: (rule?.maxRenewals ?? 2) as number | string,
      holdsAllowed: rule?.holdsAllowed ?? true,
    },
  });
  const { submit, isSaving, general } = useSavingForm(form, {
    schema: ZLoanRuleInput,
    prepare: (v) => ({ ...v, networkId, loanDays: numberOrNull(v.loanDays), maxItems: numberOrNull(v.maxItems), maxRenewals: numberOrNull(v.maxRenewals) }),
    save: (body) => (rule ? api.put(`/api/v1/circulation/rules/${rule.id}`, body) : api.post('/api/v1/circulation/rules', body)),
    refresh: ['circulation', 'audit'],
    onClose,
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormAlert messages={general} />
        <Select label={t('rules.library')} placeholder={t('rules.any')} clearable searchable data={libraries} data-testid="rule-library" {...form.getInputProps('libraryId')} />
        <Select label={t('rules.category')} placeholder={t('rules.any')} clearable data={categories} data-testid="rule-category" {...form.getInputProps('readerCategoryId')} />
        <Select
          label={t('rules.itemType')}
          placeholder={t('rules.any')}
          clearable
          data={MATERIAL_TYPES.map((m) => ({ value: m, label: t(`rules.types.${m}`) }))}
          data-testid="rule-item-type"
          {...form.getInputProps('itemType')}
        />
        <NumberInput label={t('rules.loanDays')} min={0} max={365} allowDecimal={false} required data-testid="rule-loan-days" {...form.getInputProps('loanDays')} />
        <NumberInput label={t('rules.maxItems')} min={0} max={1000} allowDecimal={false} required {...form.getInputProps('maxItems')} />
        <NumberInput label={t('rules.maxRenewals')} min={0} max={100} allowDecimal={false} required {...form.getInputProps('maxRenewals')} />
        <Switch label={t('rules.holdsAllowed')} {...form.getInputProps('holdsAllowed', { type: 'checkbox' })} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={isSaving} data-testid="rule-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
