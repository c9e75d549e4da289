/** Adding a library to a network or changing one: kind, number, name, code, municipalities. */
import {
  Button,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../web/api/client';
import { FormAlert } from '../../web/ui/feedback';
import { enumOptions } from '../../web/ui/fields';
import { notifySaved } from '../../web/ui/notify';
import { useFormFeedback } from '../../web/ui/use-form-feedback';
import { ZLibraryInput, ZLibraryKind, type TLibraryInput } from '../network.schemas';
import { refreshNetworkData, useMunicipalityOptions, useManagedNetworks, type LibraryDetail } from './api';

interface LibraryFormProps {
  /** The library to change; without it a new one is added. */
  library?: LibraryDetail;
  onClose: () => void;
  onSaved?: (library: { id: string }) => void;
}

function LibraryFormBody({ library, onClose, onSaved }: LibraryFormProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const networks = useManagedNetworks();
  const municipalities = useMunicipalityOptions();
  const form = useForm({
    initialValues: {
      networkId: library?.networkId ?? networks.data?.[0]?.id ?? '',
      kind: library?.kind ?? 'branch',
      number: library?.number ?? '',
      name: library?.name ?? '',
      settlement: library?.settlement ?? '',
      code: library?.code ?? '',
      municipalityIds: library?.municipalities.map((m) => m.id) ?? [],
      isActive: library?.isActive ?? true,
    },
  });
  const feedback = useFormFeedback(form);
  const save = useMutation({
    mutationFn: ({ networkId, input }: { networkId: string; input: TLibraryInput }) =>
      library
        ? api.put<{ id: string }>(`/api/v1/libraries/${library.id}`, input)
        : api.post<{ id: string }>(`/api/v1/networks/${networkId}/libraries`, input),
    onSuccess: (saved) => {
      notifySaved(library ? t('common.saved') : t('libraries.created'));
      refreshNetworkData(queryClient);
      onSaved?.(saved);
      onClose();
    },
    onError: (error) => feedback.fail(error),
  });

  const networkId = form.values.networkId || networks.data?.[0]?.id || '';
  const municipalityOptions = (municipalities.data?.items ?? [])
    .filter((m) => m.networkId === networkId)
    .map((m) => ({ value: m.id, label: m.name }));

  const submit = form.onSubmit(({ networkId: chosen, number, ...values }) => {
    const input = feedback.validate(ZLibraryInput, { ...values, number: number === '' ? null : number });
    if (input) save.mutate({ networkId: chosen || networkId, input });
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormAlert messages={feedback.general} />
        {!library && (networks.data?.length ?? 0) > 1 && (
          <Select
            label={t('libraries.network')}
            data={(networks.data ?? []).map((n) => ({ value: n.id, label: n.name }))}
            allowDeselect={false}
            {...form.getInputProps('networkId')}
          />
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('libraries.kind')}
            data={enumOptions(ZLibraryKind.options, (k) => t(`libraryKind.${k}`))}
            allowDeselect={false}
            required
            data-testid="library-kind"
            {...form.getInputProps('kind')}
          />
          <NumberInput
            label={t('libraries.number')}
            min={1}
            max={9999}
            allowDecimal={false}
            data-testid="library-number"
            {...form.getInputProps('number')}
          />
        </SimpleGrid>
        <TextInput label={t('libraries.name')} required data-testid="library-name" {...form.getInputProps('name')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('libraries.settlement')}
            data-testid="library-settlement"
            {...form.getInputProps('settlement')}
          />
          <TextInput
            label={t('libraries.code')}
            description={t('libraries.codeHint')}
            required
            autoCapitalize="none"
            data-testid="library-code"
            {...form.getInputProps('code')}
          />
        </SimpleGrid>
        <MultiSelect
          label={t('libraries.municipalities')}
          data={municipalityOptions}
          searchable
          clearable
          data-testid="library-municipalities"
          {...form.getInputProps('municipalityIds')}
        />
        <Switch
          label={t('libraries.isActive')}
          data-testid="library-active"
          {...form.getInputProps('isActive', { type: 'checkbox' })}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="library-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function LibraryFormModal({ opened, ...props }: LibraryFormProps & { opened: boolean }) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={props.onClose}
      title={props.library ? t('libraries.editTitle') : t('libraries.createTitle')}
      size="lg"
    >
      {opened && <LibraryFormBody {...props} />}
    </Modal>
  );
}
