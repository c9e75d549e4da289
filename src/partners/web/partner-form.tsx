/** Adding or changing a partner with its contact persons. */
import { ActionIcon, Button, Checkbox, Group, Modal, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useManagedNetworks, useMunicipalityOptions } from '../../network/web/api';
import { api } from '../../web/api/client';
import { FormAlert } from '../../web/ui/feedback';
import { enumOptions } from '../../web/ui/fields';
import { notifySaved } from '../../web/ui/notify';
import { useFormFeedback } from '../../web/ui/use-form-feedback';
import { ZPartnerInput, ZPartnerKind, type TPartnerInput } from '../partners.schemas';
import { refreshPartnersData, type PartnerDetail } from './api';

interface PartnerFormProps {
  partner?: PartnerDetail;
  onClose: () => void;
  onSaved?: (partner: { id: string }) => void;
}

function PartnerFormBody({ partner: p, onClose, onSaved }: PartnerFormProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const networks = useManagedNetworks();
  const municipalities = useMunicipalityOptions();
  const form = useForm({
    initialValues: {
      networkId: p?.networkId ?? '',
      kind: p?.kind ?? 'municipal',
      name: p?.name ?? '',
      municipalityId: p?.municipalityId ?? '',
      address: p?.address ?? '',
      phone: p?.phone ?? '',
      email: p?.email ?? '',
      website: p?.website ?? '',
      note: p?.note ?? '',
      isActive: p?.isActive ?? true,
      contacts: p?.contacts ?? [],
    },
  });
  const feedback = useFormFeedback(form);
  const save = useMutation({
    mutationFn: ({ networkId, input }: { networkId: string; input: TPartnerInput }) =>
      p ? api.put<{ id: string }>(`/api/v1/partners/${p.id}`, input) : api.post<{ id: string }>(`/api/v1/networks/${networkId}/partners`, input),
    onSuccess: (saved) => {
      notifySaved(p ? t('common.saved') : t('partners.created'));
      refreshPartnersData(queryClient);
      onSaved?.(saved);
      onClose();
    },
    onError: (error) => feedback.fail(error),
  });
  const submit = form.onSubmit(({ networkId, municipalityId, ...values }) => {
    const input = feedback.validate(ZPartnerInput, { ...values, municipalityId: municipalityId || null });
    if (input) save.mutate({ networkId: networkId || networks.data?.[0]?.id || '', input });
  });
  const networkId = form.values.networkId || p?.networkId || networks.data?.[0]?.id;
  const muniOptions = (municipalities.data?.items ?? []).filter((m) => m.networkId === networkId).map((m) => ({ value: m.id, label: m.name }));

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormAlert messages={feedback.general} />
        {!p && (networks.data?.length ?? 0) > 1 && (
          <Select
            label={t('partners.network')}
            data={(networks.data ?? []).map((n) => ({ value: n.id, label: n.name }))}
            allowDeselect={false}
            {...form.getInputProps('networkId')}
          />
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('partners.name')} required data-testid="partner-name" {...form.getInputProps('name')} />
          <Select
            label={t('partners.kind')}
            data={enumOptions(ZPartnerKind.options, (k) => t(`partnerKind.${k}`))}
            allowDeselect={false}
            required
            data-testid="partner-kind"
            {...form.getInputProps('kind')}
          />
        </SimpleGrid>
        {form.values.kind === 'municipal' && (
          <Select label={t('partners.municipality')} data={muniOptions} clearable searchable {...form.getInputProps('municipalityId')} />
        )}
        <TextInput label={t('partners.address')} {...form.getInputProps('address')} />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput label={t('partners.phone')} type="tel" {...form.getInputProps('phone')} />
          <TextInput label={t('partners.email')} type="email" {...form.getInputProps('email')} />
          <TextInput label={t('partners.website')} {...form.getInputProps('website')} />
        </SimpleGrid>
        <Text fw={600} size="sm">
          {t('partners.contacts')}
        </Text>
        {form.values.contacts.map((_, i) => (
          <Group key={i} align="flex-end" wrap="nowrap">
            <TextInput label={t('partners.contactName')} required style={{ flex: 2 }} {...form.getInputProps(`contacts.${i}.name`)} />
            <TextInput label={t('partners.contactPosition')} style={{ flex: 2 }} {...form.getInputProps(`contacts.${i}.position`)} />
            <TextInput label={t('partners.phone')} style={{ flex: 1 }} {...form.getInputProps(`contacts.${i}.phone`)} />
            <ActionIcon variant="subtle" color="red" mb={4} aria-label={t('partners.removeContact')} onClick={() => form.removeListItem('contacts', i)}>
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        ))}
        <Group>
          <Button variant="light" size="xs" leftSection={<IconPlus size={14} />} onClick={() => form.insertListItem('contacts', { name: '', position: '', phone: '', email: '' })}>
            {t('partners.addContact')}
          </Button>
        </Group>
        <Textarea label={t('partners.note')} autosize minRows={2} {...form.getInputProps('note')} />
        <Checkbox label={t('partners.isActive')} {...form.getInputProps('isActive', { type: 'checkbox' })} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="partner-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function PartnerFormModal({ opened, ...props }: PartnerFormProps & { opened: boolean }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={props.onClose} title={props.partner ? t('partners.editTitle') : t('partners.createTitle')} size="xl">
      {opened && <PartnerFormBody {...props} />}
    </Modal>
  );
}
