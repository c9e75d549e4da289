/** Recording or changing a grant application or contest entry and its status. */
import { Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useLibraries, useManagedNetworks } from '../../network/web/api';
import { api } from '../../web/api/client';
import { OPTIONS_PAGE_SIZE } from '../../web/api/types';
import { FormAlert } from '../../web/ui/feedback';
import { DateField, enumOptions } from '../../web/ui/fields';
import { notifySaved } from '../../web/ui/notify';
import { useFormFeedback } from '../../web/ui/use-form-feedback';
import { numberOrNull } from '../../web/ui/use-saving-form';
import { ZCurrency, ZGrantInput, ZGrantStatus, type TGrantInput } from '../partners.schemas';
import { refreshPartnersData, usePartnerOptions, type GrantRow } from './api';

interface GrantFormProps {
  grant?: GrantRow;
  onClose: () => void;
}

const dateOrNull = (v: string | null) => v || null;

function GrantFormBody({ grant: g, onClose }: GrantFormProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const networks = useManagedNetworks();
  const libraries = useLibraries({ pageSize: OPTIONS_PAGE_SIZE });
  const partners = usePartnerOptions();
  const form = useForm({
    initialValues: {
      title: g?.title ?? '',
      programme: g?.programme ?? '',
      status: g?.status ?? 'planned',
      libraryId: g?.libraryId ?? '',
      partnerId: g?.partnerId ?? '',
      requestedAmount: g?.requestedAmount ?? (''),
      awardedAmount: g?.awardedAmount ?? (''),
      currency: g?.currency ?? 'KGS',
      submittedOn: g?.submittedOn ?? null,
      decidedOn: g?.decidedOn ?? null,
      reportDue: g?.reportDue ?? null,
      reportedOn: g?.reportedOn ?? null,
      note: g?.note ?? '',
    },
  });
  const feedback = useFormFeedback(form);
  const save = useMutation({
    mutationFn: (input: TGrantInput) =>
      g ? api.put(`/api/v1/grants/${g.id}`, input) : api.post(`/api/v1/networks/${networks.data?.[0]?.id ?? ''}/grants`, input),
    onSuccess: () => {
      notifySaved(g ? t('common.saved') : t('grants.created'));
      refreshPartnersData(queryClient);
      onClose();
    },
    onError: (error) => feedback.fail(error),
  });
  const submit = form.onSubmit((v) => {
    const input = feedback.validate(ZGrantInput, {
      ...v,
      libraryId: v.libraryId || null,
      partnerId: v.partnerId || null,
      requestedAmount: numberOrNull(v.requestedAmount),
      awardedAmount: numberOrNull(v.awardedAmount),
      submittedOn: dateOrNull(v.submittedOn),
      decidedOn: dateOrNull(v.decidedOn),
      reportDue: dateOrNull(v.reportDue),
      reportedOn: dateOrNull(v.reportedOn),
    });
    if (input) save.mutate(input);
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormAlert messages={feedback.general} />
        <TextInput label={t('grants.title')} required {...form.getInputProps('title')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('grants.programme')} {...form.getInputProps('programme')} />
          <Select label={t('grants.status')} data={enumOptions(ZGrantStatus.options, (s) => t(`grantStatus.${s}`))} allowDeselect={false} {...form.getInputProps('status')} />
          <Select label={t('grants.partner')} data={(partners.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))} searchable clearable {...form.getInputProps('partnerId')} />
          <Select label={t('grants.library')} data={(libraries.data?.items ?? []).map((l) => ({ value: l.id, label: l.name }))} searchable clearable {...form.getInputProps('libraryId')} />
          <NumberInput label={t('grants.requested')} min={0} decimalScale={2} thousandSeparator=" " {...form.getInputProps('requestedAmount')} />
          <NumberInput label={t('grants.awarded')} min={0} decimalScale={2} thousandSeparator=" " {...form.getInputProps('awardedAmount')} />
          <Select label={t('contributions.currency')} data={enumOptions(ZCurrency.options, (c) => t(`currency.${c}`))} allowDeselect={false} {...form.getInputProps('currency')} />
          <DateField label={t('grants.submittedOn')} {...form.getInputProps('submittedOn')} />
          <DateField label={t('grants.decidedOn')} {...form.getInputProps('decidedOn')} />
          <DateField label={t('grants.reportDue')} {...form.getInputProps('reportDue')} />
          <DateField label={t('grants.reportedOn')} {...form.getInputProps('reportedOn')} />
        </SimpleGrid>
        <Textarea label={t('grants.note')} autosize minRows={2} {...form.getInputProps('note')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function GrantFormModal({ opened, ...props }: GrantFormProps & { opened: boolean }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={props.onClose} title={props.grant ? t('grants.editTitle') : t('grants.createTitle')} size="lg">
      {opened && <GrantFormBody {...props} />}
    </Modal>
  );
}
