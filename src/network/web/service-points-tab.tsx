/** Пункты обслуживания: deposits, mobile-library stops, home delivery; added and changed in a dialog. */
import { Badge, Button, Group, Modal, Select, Stack, Switch, Table, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../web/api/client';
import { EmptyState, FormAlert } from '../../web/ui/feedback';
import { enumOptions } from '../../web/ui/fields';
import { notifySaved } from '../../web/ui/notify';
import { ClickableRow } from '../../web/ui/table-parts';
import { useFormFeedback } from '../../web/ui/use-form-feedback';
import { ZServicePointInput, ZServicePointKind, type TServicePointInput } from '../network.schemas';
import { refreshNetworkData, type LibraryDetail, type ServicePoint } from './api';

interface FormProps {
  libraryId: string;
  point: ServicePoint | null;
  onClose: () => void;
}

function ServicePointForm({ libraryId, point, onClose }: FormProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm<TServicePointInput>({
    initialValues: {
      kind: point?.kind ?? 'deposit_school',
      name: point?.name ?? '',
      address: point?.address ?? '',
      contact: point?.contact ?? '',
      isSeasonal: point?.isSeasonal ?? false,
      isActive: point?.isActive ?? true,
    },
  });
  const feedback = useFormFeedback(form);
  const save = useMutation({
    mutationFn: (input: TServicePointInput) =>
      point
        ? api.put(`/api/v1/service-points/${point.id}`, input)
        : api.post(`/api/v1/libraries/${libraryId}/service-points`, input),
    onSuccess: () => {
      notifySaved();
      refreshNetworkData(queryClient);
      onClose();
    },
    onError: (error) => feedback.fail(error),
  });
  const submit = form.onSubmit((values) => {
    const input = feedback.validate(ZServicePointInput, values);
    if (input) save.mutate(input);
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormAlert messages={feedback.general} />
        <Select
          label={t('servicePoints.kind')}
          data={enumOptions(ZServicePointKind.options, (k) => t(`servicePointKind.${k}`))}
          allowDeselect={false}
          required
          {...form.getInputProps('kind')}
        />
        <TextInput
          label={t('servicePoints.name')}
          required
          data-testid="service-point-name"
          {...form.getInputProps('name')}
        />
        <TextInput label={t('servicePoints.address')} {...form.getInputProps('address')} />
        <TextInput label={t('servicePoints.contact')} {...form.getInputProps('contact')} />
        <Group>
          <Switch label={t('servicePoints.isSeasonal')} {...form.getInputProps('isSeasonal', { type: 'checkbox' })} />
          <Switch label={t('servicePoints.isActive')} {...form.getInputProps('isActive', { type: 'checkbox' })} />
        </Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="service-point-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function ServicePointsTab({ library }: { library: LibraryDetail }) {
  const { t } = useTranslation();
  // null: closed; 'new': adding; a point: changing it.
  const [editing, setEditing] = useState<ServicePoint | 'new' | null>(null);
  const canEdit = library.permissions.canEditPassport;
  const points = library.servicePoints;
  const row = (p: ServicePoint) => (
    <>
      <Table.Td fw={500}>{p.name}</Table.Td>
      <Table.Td>{t(`servicePointKind.${p.kind}`)}</Table.Td>
      <Table.Td>{p.address}</Table.Td>
      <Table.Td>{p.contact}</Table.Td>
      <Table.Td>
        <Group gap={4}>
          {p.isSeasonal && <Badge variant="light">{t('servicePoints.seasonal')}</Badge>}
          <Badge color={p.isActive ? 'teal' : 'gray'} variant="light">
            {p.isActive ? t('common.active') : t('common.inactive')}
          </Badge>
        </Group>
      </Table.Td>
    </>
  );
  return (
    <Stack>
      {canEdit && (
        <Group>
          <Button
            leftSection={<IconPlus size={16} />}
            onClick={() => setEditing('new')}
            data-testid="service-point-add"
          >
            {t('servicePoints.add')}
          </Button>
        </Group>
      )}
      {points.length === 0 ? (
        <EmptyState>{t('servicePoints.empty')}</EmptyState>
      ) : (
        <Table.ScrollContainer minWidth={700}>
          <Table highlightOnHover={canEdit}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('servicePoints.name')}</Table.Th>
                <Table.Th>{t('servicePoints.kind')}</Table.Th>
                <Table.Th>{t('servicePoints.address')}</Table.Th>
                <Table.Th>{t('servicePoints.contact')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {points.map((p) =>
                canEdit ? (
                  <ClickableRow
                    key={p.id}
                    role="button"
                    label={p.name}
                    testId="service-point-row"
                    onOpen={() => setEditing(p)}
                  >
                    {row(p)}
                  </ClickableRow>
                ) : (
                  <Table.Tr key={p.id} data-testid="service-point-row">
                    {row(p)}
                  </Table.Tr>
                ),
              )}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? t('servicePoints.createTitle') : t('servicePoints.editTitle')}
        size="lg"
      >
        {editing !== null && (
          <ServicePointForm
            libraryId={library.id}
            point={editing === 'new' ? null : editing}
            onClose={() => setEditing(null)}
          />
        )}
      </Modal>
    </Stack>
  );
}
