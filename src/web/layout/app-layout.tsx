/** The frame of every signed-in screen: header, navigation by domain, the page. */
import { AppShell, Burger, Group, NavLink, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconBarcode,
  IconBookmarks,
  IconBooks,
  IconBuildingCommunity,
  IconCalendarEvent,
  IconMailQuestion,
  IconRss,
  IconCoins,
  IconHeartHandshake,
  IconHistory,
  IconHome,
  IconLibrary,
  IconListCheck,
  IconPresentation,
  IconUsers,
  IconAddressBook,
} from '@tabler/icons-react';
import { Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import type { TRole } from '../../staff/staff.schemas';
import { ChangePasswordForm } from '../../staff/web/change-password';
import { PageLoader } from '../lazy-page';
import { paths } from '../paths';
import { canHandleRequests, canReadLoanRules, canSeeAudit, canSeeEvents, canSeeFinance, canSeePartners, canSeeSeminars, canSeeStaff, canServeReaders, canSubscribe, canWorkDesk } from '../permissions';
import { useSession } from '../session';
import { LanguageSwitcher } from './language-switcher';
import { UserMenu } from './user-menu';

interface NavItem {
  id: string;
  to: string;
  label:
    | 'nav.home'
    | 'nav.catalog'
    | 'nav.libraries'
    | 'nav.municipalities'
    | 'nav.staff'
    | 'nav.audit'
    | 'partners.title'
    | 'contributions.title'
    | 'seminars.title'
    | 'events.title'
    | 'requests.title'
    | 'subscriptions.title'
    | 'desk.title'
    | 'readers.title'
    | 'circulation.title'
    | 'rules.title';
  icon: ReactNode;
  allow?: (role: TRole) => boolean;
}

const NAV: NavItem[] = [
  { id: 'home', to: paths.home, label: 'nav.home', icon: <IconHome size={18} /> },
  { id: 'desk', to: paths.desk, label: 'desk.title', icon: <IconBarcode size={18} />, allow: canWorkDesk },
  { id: 'readers', to: paths.readers, label: 'readers.title', icon: <IconAddressBook size={18} />, allow: canServeReaders },
  { id: 'circulation', to: paths.circulation, label: 'circulation.title', icon: <IconBookmarks size={18} />, allow: canWorkDesk },
  { id: 'loan-rules', to: paths.loanRules, label: 'rules.title', icon: <IconListCheck size={18} />, allow: canReadLoanRules },
  { id: 'catalog', to: paths.catalog, label: 'nav.catalog', icon: <IconBooks size={18} /> },
  { id: 'libraries', to: paths.libraries, label: 'nav.libraries', icon: <IconLibrary size={18} /> },
  {
    id: 'municipalities',
    to: paths.municipalities,
    label: 'nav.municipalities',
    icon: <IconBuildingCommunity size={18} />,
  },
  { id: 'events', to: paths.events, label: 'events.title', icon: <IconCalendarEvent size={18} />, allow: canSeeEvents },
  { id: 'municipal', to: paths.municipalRequests, label: 'requests.title', icon: <IconMailQuestion size={18} />, allow: canHandleRequests },
  { id: 'subscriptions', to: paths.subscriptions, label: 'subscriptions.title', icon: <IconRss size={18} />, allow: canSubscribe },
  { id: 'partners', to: paths.partners, label: 'partners.title', icon: <IconHeartHandshake size={18} />, allow: canSeePartners },
  { id: 'contributions', to: paths.contributions, label: 'contributions.title', icon: <IconCoins size={18} />, allow: canSeeFinance },
  { id: 'seminars', to: paths.seminars, label: 'seminars.title', icon: <IconPresentation size={18} />, allow: canSeeSeminars },
  { id: 'staff', to: paths.staff, label: 'nav.staff', icon: <IconUsers size={18} />, allow: canSeeStaff },
  { id: 'audit', to: paths.audit, label: 'nav.audit', icon: <IconHistory size={18} />, allow: canSeeAudit },
];

function isActive(pathname: string, to: string): boolean {
  return to === '/' ? pathname === '/' : pathname === to || pathname.startsWith(`${to}/`);
}

export function AppLayout() {
  const { t } = useTranslation();
  const { user } = useSession();
  const { pathname } = useLocation();
  const [opened, { toggle, close }] = useDisclosure(false);
  // Until a temporary password is replaced the server refuses every change, so nothing else is offered.
  const isPasswordPending = user.mustChangePassword;

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened, desktop: isPasswordPending } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            {!isPasswordPending && (
              <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.toggleMenu')} />
            )}
            <Text fw={700} size="lg" component={Link} to={paths.home} c="teal.8" td="none">
              {t('app.name')}
            </Text>
          </Group>
          <Group gap="md" wrap="nowrap">
            <LanguageSwitcher />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      {!isPasswordPending && (
        <AppShell.Navbar p="xs" component="nav" aria-label={t('nav.main')}>
          {NAV.filter((item) => !item.allow || item.allow(user.role)).map((item) => (
            <NavLink
              key={item.id}
              component={Link}
              to={item.to}
              label={t(item.label)}
              leftSection={item.icon}
              active={isActive(pathname, item.to)}
              aria-current={isActive(pathname, item.to) ? 'page' : undefined}
              data-testid={`nav-${item.id}`}
              onClick={close}
            />
          ))}
        </AppShell.Navbar>
      )}
      <AppShell.Main>
        {isPasswordPending ? (
          <ChangePasswordForm isForced />
        ) : (
          <Suspense fallback={<PageLoader />}>
            <Outlet />
          </Suspense>
        )}
      </AppShell.Main>
    </AppShell>
  );
}
