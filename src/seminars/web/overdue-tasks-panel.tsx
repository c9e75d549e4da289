/** The staff home page's panel: decisions of seminars past their due date and still not done. */
import { Anchor, Card, Group, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paths } from '../../web/paths';
import { QueryState } from '../../web/ui/feedback';
import { useTasks } from './api';
import { TasksTable } from './tasks-table';

export function OverdueTasksPanel() {
  const { t } = useTranslation();
  const tasks = useTasks({ isOverdue: true, pageSize: 10 });
  if (tasks.data && tasks.data.total === 0) return null;
  return (
    <Card withBorder component="section" aria-labelledby="home-overdue" data-testid="overdue-tasks" style={{ borderColor: 'var(--mantine-color-red-4)' }}>
      <Group justify="space-between" mb="sm">
        <Group gap="xs">
          <IconAlertTriangle size={18} color="var(--mantine-color-red-6)" />
          <Title order={3} id="home-overdue">
            {t('tasks.overdueTitle')}
          </Title>
        </Group>
        <Anchor component={Link} to={`${paths.seminars}?tab=tasks&taskStatus=open`}>
          {t('tasks.all')}
        </Anchor>
      </Group>
      <QueryState query={tasks}>{(data) => <TasksTable rows={data.items} showSeminar />}</QueryState>
    </Card>
  );
}
