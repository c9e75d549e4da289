/** Every screen of the staff app and who may open it; the app lives under /staff. */
import { createBrowserRouter } from 'react-router';
import { AuditPage } from '../audit/web';
import { HomePage } from '../network/web/home-page';
import { LibrariesPage } from '../network/web/libraries-page';
import { LibraryPage } from '../network/web/library-page';
import { MunicipalitiesPage } from '../network/web/municipalities-page';
import { MunicipalityPage } from '../network/web/municipality-page';
import { ChangePasswordPage } from '../staff/web/change-password';
import { LoginPage } from '../staff/web/login-page';
import { StaffPage } from '../staff/web/staff-page';
import { AppLayout } from './layout/app-layout';
import { NotFoundPage } from './layout/not-found-page';
import { RequireRole, RequireSession } from './layout/require-session';
import { paths } from './paths';
import { canSeeAudit, canSeeStaff } from './permissions';

export const router = createBrowserRouter(
  [
    { path: paths.login, element: <LoginPage /> },
    {
      element: (
        <RequireSession>
          <AppLayout />
        </RequireSession>
      ),
      children: [
        { index: true, element: <HomePage /> },
        { path: 'libraries', element: <LibrariesPage /> },
        { path: 'libraries/:id', element: <LibraryPage /> },
        { path: 'municipalities', element: <MunicipalitiesPage /> },
        { path: 'municipalities/:id', element: <MunicipalityPage /> },
        {
          path: 'accounts',
          element: (
            <RequireRole allow={canSeeStaff}>
              <StaffPage />
            </RequireRole>
          ),
        },
        {
          path: 'audit',
          element: (
            <RequireRole allow={canSeeAudit}>
              <AuditPage />
            </RequireRole>
          ),
        },
        { path: 'change-password', element: <ChangePasswordPage /> },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ],
  { basename: '/staff' },
);
