/** One event: its plan, what happened (attendance by age group), co-organisers, records, press, photos, registrations. */
import { ActionIcon, Anchor, Badge, Button, Card, FileButton, Group, Image, List, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCamera, IconChecklist, IconEdit, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../web/api/client';
import { currentLanguage } from '../../web/i18n/setup';
import { paths } from '../../web/paths';
import { ConfirmModal } from '../../web/ui/confirm-modal';
import { EmptyState, QueryState } from '../../web/ui/feedback';
import { formatDate, formatDateTime } from '../../web/ui/format';
import { notifyError, notifySaved } from '../../web/ui/notify';
import { PageHeader } from '../../web/ui/page-header';
import { formLabel, refreshEventData, useEvent, useRegistrations, type EventDetail } from './api';
import { EventFormModal } from './event-form';
import { OutcomeFormModal } from './outcome-form';

const STATUS_COLOR = { planned: 'blue', held: 'teal', cancelled: 'gray' } as const;

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Text size="sm">
      <Text span c="dimmed">{label}: </Text>
      {children}
    </Text>
  );
}

function Photos({ event: e }: { event: EventDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const upload = useMutation({
    mutationFn: (file: File) => api.upload(`/api/v1/events/${e.id}/photos`, file, { fileName: file.name }),
    onSuccess: () => {
      notifySaved(t('events.photoAdded'));
      refreshEventData(queryClient);
    },
    onError: (error) => notifyError(error),
  });
  const remove = useMutation({
    mutationFn: (sha256: string) => api.delete(`/api/v1/events/${e.id}/photos/${sha256}`),
    onSuccess: () => refreshEventData(queryClient),
    onError: (error) => notifyError(error),
  });
  return (
    <Card withBorder>
      <Group justify="space-between" mb="sm">
        <Title order={4}>{t('events.photos')}</Title>
        {e.permissions.canEdit && (
          <FileButton onChange={(file) => file && upload.mutate(file)} accept="image/jpeg,image/png,image/webp">
            {(props) => (
              <Button size="xs" variant="light" leftSection={<IconCamera size={14} />} loading={upload.isPending} {...props}>
                {t('events.addPhoto')}
              </Button>
            )}
          </FileButton>
        )}
      </Group>
      {e.photos.length === 0 ? (
        <EmptyState>{t('events.noPhotos')}</EmptyState>
      ) : (
        <SimpleGrid cols={{ base: 2, sm: 4 }}>
          {e.photos.map((p) => (
            <Stack key={p.sha256} gap={2}>
              <Image src={`/api/v1/events/${e.id}/photos/${p.sha256}`} alt={p.caption || e.title} radius="sm" h={120} fit="cover" />
              <Group justify="space-between" gap={4}>
                <Text size="xs" c="dimmed" lineClamp={1}>{p.caption}</Text>
                {e.permissions.canEdit && (
                  <ActionIcon size="sm" variant="subtle" color="red" onClick={() => remove.mutate(p.sha256)} aria-label={t('events.removePhoto')}>
                    <IconTrash size={14} />
                  </ActionIcon>
                )}
              </Group>
            </Stack>
          ))}
        </SimpleGrid>
      )}
    </Card>
  );
}

function Registrations({ event: e }: { event: EventDetail }) {
  const { t } = useTranslation();
  const list = useRegistrations(e.id, e.permissions.canEdit);
  if (!e.permissions.canEdit || (!e.isRegistrationOpen && e.registeredCount === 0)) return null;
  return (
    <Card withBorder>
      <Title order={4} mb="sm">
        {t('events.registrations')}: {e.registeredCount}
        {e.capacity ? ` / ${e.capacity}` : ''}
      </Title>
      <QueryState query={list}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState>{t('events.noRegistrations')}</EmptyState>
          ) : (
            <Table>
              <Table.Tbody>
                {data.items.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>{r.name}</Table.Td>
                    <Table.Td>{[r.phone, r.email].filter(Boolean).join(', ')}</Table.Td>
                    <Table.Td c="dimmed">{formatDateTime(r.createdAt)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )
        }
      </QueryState>
    </Card>
  );
}

function EventView({ event: e }: { event: EventDetail }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [isEditing, editing] = useDisclosure(false);
  const [isRecording, recording] = useDisclosure(false);
  const [isDeleting, deleting] = useDisclosure(false);
  const remove = useMutation({
    mutationFn: () => api.delete(`/api/v1/events/${e.id}`),
    onSuccess: () => {
      refreshEventData(queryClient);
      void navigate(paths.events);
    },
    onError: (error) => notifyError(error),
  });
  const when = [formatDate(e.heldOn ?? e.plannedOn), e.startTime && `${e.startTime}${e.endTime ? `–${e.endTime}` : ''}`].filter(Boolean).join(', ');
  return (
    <>
      <PageHeader
        title={
          <Group gap="sm">
            <span data-testid="event-heading">{e.title}</span>
            <Badge color={STATUS_COLOR[e.status]} variant="light">{t(`eventStatus.${e.status}`)}</Badge>
          </Group>
        }
      >
        {e.permissions.canEdit && (
          <>
            <Button variant="default" leftSection={<IconEdit size={16} />} onClick={editing.open} data-testid="event-edit">
              {t('events.edit')}
            </Button>
            <Button leftSection={<IconChecklist size={16} />} onClick={recording.open} data-testid="event-outcome">
              {t('events.recordOutcome')}
            </Button>
            <Button variant="subtle" color="red" leftSection={<IconTrash size={16} />} onClick={deleting.open}>
              {t('events.delete')}
            </Button>
          </>
        )}
      </PageHeader>
      <Stack>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Card withBorder>
            <Stack gap={4}>
              <Fact label={t('events.date')}>{when}</Fact>
              <Fact label={t('events.form')}>{formLabel(e, currentLanguage())}</Fact>
              <Fact label={t('events.library')}>{e.libraryName}</Fact>
              <Fact label={t('events.place')}>{[t(`eventPlace.${e.place}`), e.placeNote].filter(Boolean).join(', ')}</Fact>
              <Fact label={t('events.audience')}>{t(`eventAudience.${e.audience}`)}</Fact>
              {e.theme && <Fact label={t('events.theme')}>{e.theme}</Fact>}
              {(e.responsibleStaffName || e.responsibleName) && <Fact label={t('events.responsible')}>{e.responsibleStaffName ?? e.responsibleName}</Fact>}
              <Fact label={t('events.isPublic')}>{e.isPublic ? t('common.yes') : t('common.no')}</Fact>
              {e.description && <Text size="sm" mt="xs" style={{ whiteSpace: 'pre-wrap' }}>{e.description}</Text>}
            </Stack>
          </Card>
          <Card withBorder data-testid="event-outcome-card">
            <Title order={4} mb="xs">{t('events.outcome')}</Title>
            {e.status === 'held' ? (
              <Stack gap={4}>
                <Fact label={t('events.attendanceTotal')}>{e.attendanceTotal}</Fact>
                <Fact label={t('events.attendanceChildren')}>{e.attendanceChildren}</Fact>
                <Fact label={t('events.attendanceYouth')}>{e.attendanceYouth}</Fact>
                <Fact label={t('events.attendanceAdults')}>{e.attendanceAdults}</Fact>
                {e.resultNote && <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{e.resultNote}</Text>}
              </Stack>
            ) : e.status === 'cancelled' ? (
              <Fact label={t('events.cancelReason')}>{e.cancelReason}</Fact>
            ) : (
              <EmptyState>{t('events.notYetHeld')}</EmptyState>
            )}
          </Card>
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, md: 3 }}>
          <Card withBorder>
            <Title order={4} mb="xs">{t('events.partners')}</Title>
            {e.partners.length === 0 ? <EmptyState>{t('events.noPartners')}</EmptyState> : (
              <List size="sm">{e.partners.map((p) => <List.Item key={p.id}>{p.name}</List.Item>)}</List>
            )}
          </Card>
          <Card withBorder>
            <Title order={4} mb="xs">{t('events.records')}</Title>
            {e.records.length === 0 ? <EmptyState>{t('events.noRecords')}</EmptyState> : (
              <List size="sm">
                {e.records.map((r) => (
                  <List.Item key={r.id}>
                    <Anchor component={Link} to={paths.record(r.id)} size="sm">{r.title}</Anchor>
                  </List.Item>
                ))}
              </List>
            )}
            {e.exhibitions.length > 0 && (
              <>
                <Text size="sm" fw={500} mt="sm">{t('events.exhibitions')}</Text>
                <List size="sm">
                  {e.exhibitions.map((x) => (
                    <List.Item key={x.id}>
                      <Anchor component={Link} to={paths.event(x.id)} size="sm">{x.title}</Anchor>
                    </List.Item>
                  ))}
                </List>
              </>
            )}
          </Card>
          <Card withBorder>
            <Title order={4} mb="xs">{t('events.pressLinks')}</Title>
            {e.pressLinks.length === 0 ? <EmptyState>{t('events.noPress')}</EmptyState> : (
              <List size="sm">
                {e.pressLinks.map((l) => (
                  <List.Item key={l.url}>
                    <Anchor href={l.url} target="_blank" rel="noreferrer" size="sm">{l.title || l.url}</Anchor>
                  </List.Item>
                ))}
              </List>
            )}
          </Card>
        </SimpleGrid>
        <Photos event={e} />
        <Registrations event={e} />
      </Stack>
      <EventFormModal opened={isEditing} event={e} onClose={editing.close} />
      <OutcomeFormModal opened={isRecording} event={e} onClose={recording.close} />
      <ConfirmModal opened={isDeleting} title={t('events.deleteTitle')} text={t('events.deleteText')} onConfirm={() => remove.mutate()} onCancel={deleting.close} />
    </>
  );
}

export function EventPage() {
  const { id = '' } = useParams();
  const event = useEvent(id);
  return <QueryState query={event}>{(e) => <EventView event={e} />}</QueryState>;
}
