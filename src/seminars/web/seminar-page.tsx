/** A seminar: theme, host, agenda, the protocol (and its PDF), decisions as tasks, and what it brought. */
import { Button, Card, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconEdit, IconFileTypePdf, IconPlus, IconWriting } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ContributionFormModal, ContributionsTable, useContributions } from '../../partners/web';
import { canSeeFinance } from '../../web/permissions';
import { useSession } from '../../web/session';
import { EmptyState, QueryState } from '../../web/ui/feedback';
import { formatDate } from '../../web/ui/format';
import { PageHeader } from '../../web/ui/page-header';
import { useSeminar, type SeminarDetail } from './api';
import { DecisionFormModal } from './decision-form';
import { ProtocolFormModal } from './protocol-form';
import { SeminarFormModal } from './seminar-form';
import { TasksTable } from './tasks-table';

function ProtocolView({ seminar: s }: { seminar: SeminarDetail }) {
  const { t } = useTranslation();
  const p = s.protocol;
  if (!p) return <EmptyState>{t('seminars.noProtocol')}</EmptyState>;
  const present = s.participants.filter((x) => x.hasAttended);
  return (
    <Stack gap="xs" data-testid="protocol-view">
      {p.chair && <Text size="sm"><b>{t('seminars.chair')}:</b> {p.chair}</Text>}
      {p.secretary && <Text size="sm"><b>{t('seminars.secretary')}:</b> {p.secretary}</Text>}
      <Text size="sm" fw={600}>{t('seminars.participants')} ({p.attendeesTotal ?? present.length})</Text>
      <List size="sm">
        {present.map((x) => (
          <List.Item key={x.id}>
            {x.fullName}
            {x.position && ` – ${x.position}`}
          </List.Item>
        ))}
      </List>
      {p.heard.map((h, i) => (
        <Text key={i} size="sm">
          <b>{t('seminars.heard')}:</b> {h.speaker} – {h.topic}. {h.summary}
        </Text>
      ))}
      {p.spoke.map((x, i) => (
        <Text key={i} size="sm">
          <b>{t('seminars.spoke')}:</b> {x.speaker}: {x.text}
        </Text>
      ))}
      {p.questions.map((q, i) => (
        <Text key={i} size="sm">
          <b>{t('seminars.question')}:</b> {q.question} {q.answer && <><b>{t('seminars.answer')}:</b> {q.answer}</>}
        </Text>
      ))}
      {p.conclusion && <Text size="sm"><b>{t('seminars.conclusion')}:</b> {p.conclusion}</Text>}
    </Stack>
  );
}

function Results({ seminar }: { seminar: SeminarDetail }) {
  const { t } = useTranslation();
  const [isAdding, adding] = useDisclosure(false);
  const contributions = useContributions({ seminarId: seminar.id, pageSize: 100 });
  return (
    <section>
      <Group justify="space-between" mb="sm">
        <Title order={3}>{t('seminars.results')}</Title>
        <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={adding.open} data-testid="seminar-result-add">
          {t('seminars.addResult')}
        </Button>
      </Group>
      <QueryState query={contributions}>
        {(data) => (data.items.length === 0 ? <EmptyState>{t('contributions.empty')}</EmptyState> : <ContributionsTable rows={data.items} />)}
      </QueryState>
      <ContributionFormModal
        opened={isAdding}
        defaults={{ libraryId: seminar.hostLibraryId, seminarId: seminar.id, receivedOn: seminar.heldOn }}
        onClose={adding.close}
      />
    </section>
  );
}

export function SeminarPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const { id = '' } = useParams();
  const seminar = useSeminar(id);
  const [isEditing, editing] = useDisclosure(false);
  const [isWriting, writing] = useDisclosure(false);
  const [isDeciding, deciding] = useDisclosure(false);
  return (
    <QueryState query={seminar}>
      {(s) => (
        <Stack gap="lg">
          <PageHeader title={s.theme}>
            <Button component="a" href={`/api/v1/seminars/${s.id}/protocol.pdf`} target="_blank" variant="default" leftSection={<IconFileTypePdf size={16} />} data-testid="protocol-pdf">
              {t('seminars.pdf')}
            </Button>
            {s.canManage && (
              <>
                <Button variant="default" leftSection={<IconEdit size={16} />} onClick={editing.open}>
                  {t('seminars.editTitle')}
                </Button>
                <Button leftSection={<IconWriting size={16} />} onClick={writing.open} data-testid="protocol-edit">
                  {t('seminars.editProtocol')}
                </Button>
              </>
            )}
          </PageHeader>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Card withBorder>
              <Text size="sm"><b>{t('seminars.heldOn')}:</b> {formatDate(s.heldOn)}</Text>
              <Text size="sm"><b>{t('seminars.host')}:</b> {s.hostLibraryName}</Text>
              {s.place && <Text size="sm"><b>{t('seminars.place')}:</b> {s.place}</Text>}
              <Text size="sm"><b>{t('seminars.status')}:</b> {t(`seminarStatus.${s.status}`)}</Text>
              {s.protocolNumber && <Text size="sm"><b>{t('seminars.protocolNumber')}:</b> {s.protocolNumber}</Text>}
            </Card>
            <Card withBorder>
              <Text fw={600} size="sm" mb="xs">{t('seminars.agenda')}</Text>
              <List type="ordered" size="sm">
                {s.agenda.map((item, i) => (
                  <List.Item key={i}>{item}</List.Item>
                ))}
              </List>
            </Card>
          </SimpleGrid>
          <section>
            <Title order={3} mb="sm">{t('seminars.protocol')}</Title>
            <ProtocolView seminar={s} />
          </section>
          <section>
            <Group justify="space-between" mb="sm">
              <Title order={3}>{t('seminars.decisions')}</Title>
              {s.canManage && (
                <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={deciding.open} data-testid="decision-add">
                  {t('seminars.addDecision')}
                </Button>
              )}
            </Group>
            {s.decisions.length === 0 ? <EmptyState>{t('seminars.noDecisions')}</EmptyState> : <TasksTable rows={s.decisions} />}
          </section>
          {canSeeFinance(user.role) && <Results seminar={s} />}
          <SeminarFormModal opened={isEditing} seminar={s} onClose={editing.close} />
          <ProtocolFormModal opened={isWriting} seminar={s} onClose={writing.close} />
          <DecisionFormModal opened={isDeciding} seminar={s} onClose={deciding.close} />
        </Stack>
      )}
    </QueryState>
  );
}
