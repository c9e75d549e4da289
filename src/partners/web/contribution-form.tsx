/** Recording or changing a contribution: who gave what to which library, its value and purpose. */
import { Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useLibraries } from '../../network/web/api';
import { api } from '../../web/api/client';
import { OPTIONS_PAGE_SIZE } from '../../web/api/types';
import { FormAlert } from '../../web/ui/feedback';
import { DateField, enumOptions } from '../../web/ui/fields';
import { todayIso } from '../../web/ui/format';
import { notifySaved } from '../../web/ui/notify';
import { useFormFeedback } from '../../web/ui/use-form-feedback';
import { ZContributionInput, ZContributionKind, ZCurrency, type TContributionInput } from '../partners.schemas';
import { refreshPartnersData, usePartnerOptions, type ContributionRow } from './api';

export interface ContributionDefaults {
  libraryId?: string;
  partnerId?: string;
  seminarId?: string;
  receivedOn?: string;
}

interface ContributionFormProps {
  contribution?: ContributionRow;
  defaults?: ContributionDefaults;
  onClose: () => void;
}

function ContributionFormBody({ contribution: c, defaults = {}, onClose }: ContributionFormProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const libraries = useLibraries({ pageSize: OPTIONS_PAGE_SIZE });
  const partners = usePartnerOptions();
  const form = useForm({
    initialValues: {
      libraryId: c?.libraryId ?? defaults.libraryId ?? '',
      partnerId: c?.partnerId ?? defaults.partnerId ?? '',
      kind: c?.kind ?? 'money',
      value: c?.value ?? (''),
      currency: c?.currency ?? 'KGS',
      quantity: c?.quantity ?? (''),
      receivedOn: c?.receivedOn ?? defaults.receivedOn ?? todayIso(),
      purpose: c?.purpose ?? '',
      description: c?.description ?? '',
    },
  });
  const feedback = useFormFeedback(form);
  const save = useMutation({
    mutationFn: (input: TContributionInput) => (c ? api.put(`/api/v1/contributions/${c.id}`, input) : api.post('/api/v1/contributions', input)),
    onSuccess: () => {
      notifySaved(c ? t('common.saved') : t('contributions.created'));
      refreshPartnersData(queryClient);
      onClose();
    },
    onError: (error) => feedback.fail(error),
  });
  const submit = form.onSubmit(({ value, quantity, ...values }) => {
    const input = feedback.validate(ZContributionInput, {
      ...values,
      value: value === '' ? undefined : value,
      quantity: quantity === '' ? null : quantity,
      eventId: c?.eventId ?? null,
      seminarId: c?.seminarId ?? defaults.seminarId ?? null,
      grantId: c?.grantId ?? null,
    });
    if (input) save.mutate(input);
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormAlert messages={feedback.general} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('contributions.library')}
            data={(libraries.data?.items ?? []).map((l) => ({ value: l.id, label: l.name }))}
            searchable
            required
            data-testid="contribution-library"
            {...form.getInputProps('libraryId')}
          />
          <Select
            label={t('contributions.partner')}
            data={(partners.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
            searchable
            required
            data-testid="contribution-partner"
            {...form.getInputProps('partnerId')}
          />
          <Select
            label={t('contributions.kind')}
            data={enumOptions(ZContributionKind.options, (k) => t(`contributionKind.${k}`))}
            allowDeselect={false}
            required
            {...form.getInputProps('kind')}
          />
          <DateField label={t('contributions.date')} required {...form.getInputProps('receivedOn')} />
          <NumberInput
            label={t('contributions.value')}
            required
            decimalScale={2}
            thousandSeparator=" "
            data-testid="contribution-value"
            {...form.getInputProps('value')}
          />
          <Select
            label={t('contributions.currency')}
            data={enumOptions(ZCurrency.options, (k) => t(`currency.${k}`))}
            allowDeselect={false}
            {...form.getInputProps('currency')}
          />
          <NumberInput label={t('contributions.quantity')} min={0} allowDecimal={false} {...form.getInputProps('quantity')} />
        </SimpleGrid>
        <TextInput label={t('contributions.purpose')} required data-testid="contribution-purpose" {...form.getInputProps('purpose')} />
        <Textarea label={t('contributions.description')} autosize minRows={2} {...form.getInputProps('description')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="contribution-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function ContributionFormModal({ opened, ...props }: ContributionFormProps & { opened: boolean }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={props.onClose} title={props.contribution ? t('contributions.editTitle') : t('contributions.createTitle')} size="lg">
      {opened && <ContributionFormBody {...props} />}
    </Modal>
  );
}
