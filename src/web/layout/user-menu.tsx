/** The signed-in person's name and role, with password change and logout. */
import { Avatar, Box, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconKey, IconLogout } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../api/client';
import { paths } from '../paths';
import { endSession, useSession } from '../session';
import { notifyError } from '../ui/notify';

function initials(fullName: string): string {
  return fullName
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase() ?? '')
    .join('');
}

export function UserMenu() {
  const { t } = useTranslation();
  const { user } = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const logout = useMutation({
    mutationFn: () => api.delete<void>('/api/v1/session'),
    onSuccess: () => {
      endSession(queryClient);
      void navigate(paths.login, { replace: true });
    },
    onError: (error) => notifyError(error),
  });

  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={t('nav.userMenu')} data-testid="user-menu">
          <Group gap="xs" wrap="nowrap">
            <Avatar radius="xl" size="sm" color="teal">
              {initials(user.fullName)}
            </Avatar>
            <Box visibleFrom="sm">
              <Text size="sm" fw={500} lh={1.2} data-testid="user-name">
                {user.fullName}
              </Text>
              <Text size="xs" c="dimmed" lh={1.2} data-testid="user-role">
                {t(`role.${user.role}`)}
              </Text>
            </Box>
            <IconChevronDown size={14} />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item
          component={Link}
          to={paths.changePassword}
          leftSection={<IconKey size={16} />}
          data-testid="change-password-link"
        >
          {t('nav.changePassword')}
        </Menu.Item>
        <Menu.Item
          color="red"
          leftSection={<IconLogout size={16} />}
          onClick={() => logout.mutate()}
          data-testid="logout"
        >
          {t('nav.logout')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
