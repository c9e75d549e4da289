/** SRU servers for copy cataloguing: the network admin adds, changes and removes them. */
import { ActionIcon, Badge, Button, Group, Modal, Select, SimpleGrid, Stack, Switch, Table, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconEdit, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useManagedNetworks } from '../../network/web/api';
import { api } from '../../web/api/client';
import { paths } from '../../web/paths';
import { useSession } from '../../web/session';
import { ConfirmModal } from '../../web/ui/confirm-modal';
import { EmptyState, FormAlert, QueryState } from '../../web/ui/feedback';
import { notifyError, notifySaved } from '../../web/ui/notify';
import { PageHeader } from '../../web/ui/page-header';
import { useFormFeedback } from '../../web/ui/use-form-feedback';
import { SRU_RECORD_SCHEMAS, SRU_VERSIONS, ZSruServerInput } from '../copy/copy.schemas';
import { useSruServers, type SruServer } from './copy-api';

function ServerForm({ server, onClose }: { server: SruServer | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const queryClient = useQueryClient();
  const networks = useManagedNetworks();
  const isInstallationAdmin = user.scopeKind === 'installation';
  const networkOptions = [
    ...(isInstallationAdmin ? [{ value: '', label: t('sruServers.allNetworks') }] : []),
    ...(networks.data ?? []).map((n) => ({ value: n.id, label: n.name })),
  ];
  const form = useForm({
    initialValues: {
      name: server?.name ?? '',
      baseUrl: server?.baseUrl ?? 'http://',
      database: server?.database ?? '',
      recordSchema: server?.recordSchema ?? 'marcxml',
      version: server?.version ?? '1.2',
      networkId: server ? (server.networkId ?? '') : (networkOptions[0]?.value ?? ''),
      isActive: server?.isActive ?? true,
    },
  });
  const feedback = useFormFeedback(form);
  const save = useMutation({
    mutationFn: (input: unknown) => (server ? api.put(`/api/v1/catalog/sru-servers/${server.id}`, input) : api.post('/api/v1/catalog/sru-servers', input)),
    onSuccess: () => {
      notifySaved();
      void queryClient.invalidateQueries({ queryKey: ['sru-servers'] });
      onClose();
    },
    onError: (error) => feedback.fail(error),
  });
  const submit = form.onSubmit((values) => {
    const input = feedback.validate(ZSruServerInput, { ...values, networkId: values.networkId || null });
    // The usual slip, an address typed without its scheme, is named rather than called invalid.
    if (!/^https?:\/\//.test(values.baseUrl.trim())) form.setFieldError('baseUrl', t('sruServers.baseUrlScheme'));
    if (input) save.mutate(input);
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <FormAlert messages={feedback.general} />
        <TextInput label={t('sruServers.name')} required {...form.getInputProps('name')} data-testid="sru-name" />
        <TextInput label={t('sruServers.baseUrl')} description={t('sruServers.baseUrlHint')} required {...form.getInputProps('baseUrl')} data-testid="sru-url" />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput label={t('sruServers.database')} {...form.getInputProps('database')} data-testid="sru-database" />
          <Select
            label={t('sruServers.recordSchema')}
            data={SRU_RECORD_SCHEMAS.map((s) => ({ value: s, label: t(`sruServers.schemas.${s}`) }))}
            allowDeselect={false}
            {...form.getInputProps('recordSchema')}
          />
          <Select label={t('sruServers.version')} data={[...SRU_VERSIONS]} allowDeselect={false} {...form.getInputProps('version')} />
        </SimpleGrid>
        <Select label={t('sruServers.network')} data={networkOptions} allowDeselect={false} {...form.getInputProps('networkId')} />
        <Switch label={t('sruServers.isActive')} {...form.getInputProps('isActive', { type: 'checkbox' })} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="sru-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function SruServersPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const servers = useSruServers();
  const [editing, setEditing] = useState<SruServer | 'new' | null>(null);
  const [removing, setRemoving] = useState<SruServer | null>(null);
  const remove = useMutation({
    mutationFn: (id: string) => api.delete(`/api/v1/catalog/sru-servers/${id}`),
    onSuccess: () => {
      notifySaved(t('sruServers.removed'));
      void queryClient.invalidateQueries({ queryKey: ['sru-servers'] });
    },
    onError: (error) => notifyError(error),
  });
  return (
    <>
      <PageHeader title={t('sruServers.title')}>
        <Button component={Link} to={paths.catalogCopy} variant="default">
          {t('copy.title')}
        </Button>
        {servers.data?.canCreate && (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-testid="sru-add">
            {t('sruServers.add')}
          </Button>
        )}
      </PageHeader>
      <QueryState query={servers}>
        {({ items }) =>
          items.length === 0 ? (
            <EmptyState>{t('sruServers.empty')}</EmptyState>
          ) : (
            <Table striped withTableBorder data-testid="sru-servers">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('sruServers.name')}</Table.Th>
                  <Table.Th>{t('sruServers.baseUrl')}</Table.Th>
                  <Table.Th>{t('sruServers.database')}</Table.Th>
                  <Table.Th>{t('sruServers.recordSchema')}</Table.Th>
                  <Table.Th>{t('sruServers.version')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((s) => (
                  <Table.Tr key={s.id}>
                    <Table.Td>
                      {s.name} {!s.isActive && <Badge color="gray">{t('common.inactive')}</Badge>}
                    </Table.Td>
                    <Table.Td>{s.baseUrl}</Table.Td>
                    <Table.Td>{s.database}</Table.Td>
                    <Table.Td>{t(`sruServers.schemas.${s.recordSchema}`)}</Table.Td>
                    <Table.Td>{s.version}</Table.Td>
                    <Table.Td>
                      {s.canManage && (
                        <Group gap={4} justify="flex-end" wrap="nowrap">
                          <ActionIcon variant="subtle" aria-label={t('sruServers.edit')} onClick={() => setEditing(s)}>
                            <IconEdit size={16} />
                          </ActionIcon>
                          <ActionIcon variant="subtle" color="red" aria-label={t('sruServers.remove')} onClick={() => setRemoving(s)}>
                            <IconTrash size={16} />
                          </ActionIcon>
                        </Group>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )
        }
      </QueryState>
      <ConfirmModal
        opened={removing !== null}
        title={t('sruServers.removeConfirmTitle')}
        confirmLabel={t('sruServers.remove')}
        text={t('sruServers.removeConfirm', { name: removing?.name ?? '' })}
        onConfirm={() => {
          if (removing) remove.mutate(removing.id);
          setRemoving(null);
        }}
        onCancel={() => setRemoving(null)}
      />
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={t(editing === 'new' ? 'sruServers.add' : 'sruServers.edit')} size="lg">
        {editing !== null && <ServerForm server={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      </Modal>
    </>
  );
}
