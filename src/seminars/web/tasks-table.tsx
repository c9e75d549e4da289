/** Decisions as tasks: responsible, due date, status; overdue ones in red; done with a date and a note. */
import { Anchor, Badge, Button, Group, Modal, SegmentedControl, Stack, Table, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../web/api/client';
import { paths } from '../../web/paths';
import { FormAlert } from '../../web/ui/feedback';
import { DateField } from '../../web/ui/fields';
import { formatDate, todayIso } from '../../web/ui/format';
import { notifySaved } from '../../web/ui/notify';
import { useFormFeedback } from '../../web/ui/use-form-feedback';
import { ZTaskProgress, type TTaskProgress } from '../seminars.schemas';
import { refreshSeminarData, type TaskRow } from './api';

function ProgressForm({ task, onClose }: { task: TaskRow; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm({
    initialValues: {
      status: task.status === 'open' ? 'done' : 'open',
      doneOn: task.doneOn ?? todayIso(),
      note: task.note,
    },
  });
  const feedback = useFormFeedback(form);
  const save = useMutation({
    mutationFn: (input: TTaskProgress) => api.post(`/api/v1/seminar-decisions/${task.id}/progress`, input),
    onSuccess: () => {
      notifySaved(t('common.saved'));
      refreshSeminarData(queryClient);
      onClose();
    },
    onError: (error) => feedback.fail(error),
  });
  const submit = form.onSubmit((v) => {
    const input = feedback.validate(ZTaskProgress, { ...v, doneOn: v.status === 'done' ? v.doneOn || null : null });
    if (input) save.mutate(input);
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm">{task.text}</Text>
        <FormAlert messages={feedback.general} />
        <SegmentedControl data={[{ value: 'done', label: t('tasks.done') }, { value: 'open', label: t('tasks.open') }]} {...form.getInputProps('status')} />
        {form.values.status === 'done' && <DateField label={t('tasks.doneOn')} required data-testid="task-done-on" {...form.getInputProps('doneOn')} />}
        <Textarea label={t('tasks.note')} autosize minRows={2} {...form.getInputProps('note')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="task-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function TasksTable({ rows, showSeminar = false }: { rows: TaskRow[]; showSeminar?: boolean }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<TaskRow | null>(null);
  return (
    <>
      <Table.ScrollContainer minWidth={700}>
        <Table verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('seminars.decision')}</Table.Th>
              <Table.Th>{t('seminars.responsible')}</Table.Th>
              <Table.Th>{t('seminars.dueOn')}</Table.Th>
              <Table.Th>{t('tasks.status')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((task) => (
              <Table.Tr key={task.id} data-testid="task-row" bg={task.isOverdue ? 'var(--mantine-color-red-light)' : undefined}>
                <Table.Td>
                  {task.text}
                  <Text size="xs" c="dimmed">
                    {task.libraryName}
                    {showSeminar && (
                      <>
                        {' · '}
                        <Anchor component={Link} to={paths.seminar(task.seminarId)} size="xs">
                          {formatDate(task.seminarHeldOn)} {task.seminarTheme}
                        </Anchor>
                      </>
                    )}
                  </Text>
                  {task.note && <Text size="xs">{task.note}</Text>}
                </Table.Td>
                <Table.Td>{task.responsible}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(task.dueOn)}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap', minWidth: 130 }}>
                  {task.status === 'done' ? (
                    <Badge color="green" variant="light">
                      {t('tasks.done')} {formatDate(task.doneOn)}
                    </Badge>
                  ) : task.isOverdue ? (
                    <Badge color="red" data-testid="task-overdue">
                      {t('tasks.overdue')}
                    </Badge>
                  ) : (
                    <Badge color="gray" variant="light">
                      {t('tasks.open')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  {task.canUpdate && (
                    <Button size="xs" variant="light" onClick={() => setEditing(task)} data-testid="task-progress">
                      {task.status === 'open' ? t('tasks.markDone') : t('tasks.reopen')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={t('tasks.progressTitle')}>
        {editing && <ProgressForm task={editing} onClose={() => setEditing(null)} />}
      </Modal>
    </>
  );
}
