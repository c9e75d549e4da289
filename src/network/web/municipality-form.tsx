/** Adding or changing a municipality (айыл окмоту, city, МО, district) and its head. */
import { Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../web/api/client';
import { FormAlert } from '../../web/ui/feedback';
import { enumOptions } from '../../web/ui/fields';
import { notifySaved } from '../../web/ui/notify';
import { useFormFeedback } from '../../web/ui/use-form-feedback';
import { ZMunicipalityInput, ZMunicipalityKind, type TMunicipalityInput } from '../network.schemas';
import { refreshNetworkData, useManagedNetworks, type MunicipalityDetail } from './api';

interface MunicipalityFormProps {
  municipality?: MunicipalityDetail;
  onClose: () => void;
  onSaved?: (municipality: { id: string }) => void;
}

function MunicipalityFormBody({ municipality: m, onClose, onSaved }: MunicipalityFormProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const networks = useManagedNetworks();
  const form = useForm({
    initialValues: {
      networkId: m?.networkId ?? '',
      kind: m?.kind ?? 'aiyl_okmotu',
      name: m?.name ?? '',
      headName: m?.headName ?? '',
      headTitle: m?.headTitle ?? '',
      address: m?.address ?? '',
      phone: m?.phone ?? '',
      email: m?.email ?? '',
      population: m?.population ?? '',
      populationYear: m?.populationYear ?? '',
    },
  });
  const feedback = useFormFeedback(form);
  const save = useMutation({
    mutationFn: ({ networkId, input }: { networkId: string; input: TMunicipalityInput }) =>
      m
        ? api.put<{ id: string }>(`/api/v1/municipalities/${m.id}`, input)
        : api.post<{ id: string }>(`/api/v1/networks/${networkId}/municipalities`, input),
    onSuccess: (saved) => {
      notifySaved(m ? t('common.saved') : t('municipalities.created'));
      refreshNetworkData(queryClient);
      onSaved?.(saved);
      onClose();
    },
    onError: (error) => feedback.fail(error),
  });
  const submit = form.onSubmit(({ networkId, population, populationYear, ...values }) => {
    const input = feedback.validate(ZMunicipalityInput, {
      ...values,
      population: population === '' ? null : population,
      populationYear: populationYear === '' ? null : populationYear,
    });
    if (input) save.mutate({ networkId: networkId || networks.data?.[0]?.id || '', input });
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormAlert messages={feedback.general} />
        {!m && (networks.data?.length ?? 0) > 1 && (
          <Select
            label={t('municipalities.network')}
            data={(networks.data ?? []).map((n) => ({ value: n.id, label: n.name }))}
            allowDeselect={false}
            {...form.getInputProps('networkId')}
          />
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('municipalities.kind')}
            data={enumOptions(ZMunicipalityKind.options, (k) => t(`municipalityKind.${k}`))}
            allowDeselect={false}
            required
            {...form.getInputProps('kind')}
          />
          <TextInput
            label={t('municipalities.name')}
            required
            data-testid="municipality-name"
            {...form.getInputProps('name')}
          />
          <TextInput label={t('municipalities.headName')} {...form.getInputProps('headName')} />
          <TextInput label={t('municipalities.headTitle')} {...form.getInputProps('headTitle')} />
        </SimpleGrid>
        <TextInput label={t('municipalities.address')} {...form.getInputProps('address')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('municipalities.phone')} type="tel" {...form.getInputProps('phone')} />
          <TextInput label={t('municipalities.email')} type="email" {...form.getInputProps('email')} />
          <NumberInput
            label={t('municipalities.population')}
            min={0}
            allowDecimal={false}
            allowNegative={false}
            thousandSeparator=" "
            data-testid="municipality-population"
            {...form.getInputProps('population')}
          />
          <NumberInput
            label={t('municipalities.populationYear')}
            min={1900}
            max={2200}
            allowDecimal={false}
            {...form.getInputProps('populationYear')}
          />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="municipality-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function MunicipalityFormModal({ opened, ...props }: MunicipalityFormProps & { opened: boolean }) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={props.onClose}
      title={props.municipality ? t('municipalities.editTitle') : t('municipalities.createTitle')}
      size="lg"
    >
      {opened && <MunicipalityFormBody {...props} />}
    </Modal>
  );
}
