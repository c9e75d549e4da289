/** Guards: the signed-in part of the app, and screens only some roles may open. */
import { Center } from '@mantine/core';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import type { TRole } from '../../staff/staff.schemas';
import { paths } from '../paths';
import { useSession, useSessionQuery } from '../session';
import { ErrorState, LoadingState, NoRights } from '../ui/feedback';

export function RequireSession({ children }: { children: ReactNode }) {
  const query = useSessionQuery();
  const location = useLocation();
  if (query.isPending) return <LoadingState />;
  if (query.isError) {
    return (
      <Center p="xl">
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      </Center>
    );
  }
  if (!query.data) {
    const next = `${location.pathname}${location.search}`;
    const search = next === '/' ? '' : `?next=${encodeURIComponent(next)}`;
    return <Navigate to={`${paths.login}${search}`} replace />;
  }
  return <>{children}</>;
}

export function RequireRole({ allow, children }: { allow: (role: TRole) => boolean; children: ReactNode }) {
  const { user } = useSession();
  return allow(user.role) ? <>{children}</> : <NoRights />;
}
