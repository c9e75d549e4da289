/** Every screen of the staff app and who may open it; the app lives under /staff. */
import { createBrowserRouter } from 'react-router';
import { AuditPage } from '../audit/web';
import { CatalogSearchPage } from '../catalog/web/catalog-search-page';
import { CopyPage } from '../catalog/web/copy-page';
import { ExtremistPage } from '../catalog/web/extremist-page';
import { ImportPage } from '../catalog/web/import-page';
import { RecordCreatePage } from '../catalog/web/record-create-page';
import { RecordPage } from '../catalog/web/record-page';
import { SruServersPage } from '../catalog/web/sru-servers-page';
import { CirculationPage } from '../circulation/web/circulation-page';
import { DeskPage } from '../circulation/web/desk-page';
import { RulesPage } from '../circulation/web/rules-page';
import { ReaderCategoriesPage, ReaderPage, ReadersPage, RegisterReaderPage } from '../readers/web';
import { HomePage } from '../network/web/home-page';
import { LibrariesPage } from '../network/web/libraries-page';
import { LibraryPage } from '../network/web/library-page';
import { MunicipalitiesPage } from '../network/web/municipalities-page';
import { MunicipalityPage } from '../network/web/municipality-page';
import { ChangePasswordPage } from '../staff/web/change-password';
import { LoginPage } from '../staff/web/login-page';
import { EventPage, EventSettingsPage, EventsPage } from '../events/web';
import { RequestPage, RequestsPage, SubscriptionsPage } from '../municipal/web';
import { ContributionsPage, PartnerPage, PartnersPage } from '../partners/web';
import { SeminarPage, SeminarsPage } from '../seminars/web';
import { StaffPage } from '../staff/web/staff-page';
import { AppLayout } from './layout/app-layout';
import { NotFoundPage } from './layout/not-found-page';
import { RequireRole, RequireSession } from './layout/require-session';
import { paths } from './paths';
import { canEditReaderCategories, canEditRecords, canHandleRequests, canReadLoanRules, canSeeAudit, canSeeEvents, canSeeFinance, canSetUpEvents, canSeePartners, canSeeStaff, canServeReaders, canSubscribe, canWorkDesk } from './permissions';

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
        { path: 'catalog', element: <CatalogSearchPage /> },
        {
          path: 'catalog/import',
          element: (
            <RequireRole allow={canEditRecords}>
              <ImportPage />
            </RequireRole>
          ),
        },
        {
          path: 'catalog/records/new',
          element: (
            <RequireRole allow={canEditRecords}>
              <RecordCreatePage />
            </RequireRole>
          ),
        },
        {
          path: 'catalog/copy',
          element: (
            <RequireRole allow={canEditRecords}>
              <CopyPage />
            </RequireRole>
          ),
        },
        {
          path: 'catalog/extremist',
          element: (
            <RequireRole allow={canEditRecords}>
              <ExtremistPage />
            </RequireRole>
          ),
        },
        {
          path: 'catalog/sru-servers',
          element: (
            <RequireRole allow={canEditRecords}>
              <SruServersPage />
            </RequireRole>
          ),
        },
        { path: 'catalog/records/:id', element: <RecordPage /> },
        {
          path: 'desk',
          element: (
            <RequireRole allow={canWorkDesk}>
              <DeskPage />
            </RequireRole>
          ),
        },
        {
          path: 'readers',
          element: (
            <RequireRole allow={canServeReaders}>
              <ReadersPage />
            </RequireRole>
          ),
        },
        {
          path: 'readers/new',
          element: (
            <RequireRole allow={canServeReaders}>
              <RegisterReaderPage />
            </RequireRole>
          ),
        },
        {
          path: 'readers/categories',
          element: (
            <RequireRole allow={canEditReaderCategories}>
              <ReaderCategoriesPage />
            </RequireRole>
          ),
        },
        {
          path: 'readers/:id',
          element: (
            <RequireRole allow={canServeReaders}>
              <ReaderPage />
            </RequireRole>
          ),
        },
        {
          path: 'circulation',
          element: (
            <RequireRole allow={canWorkDesk}>
              <CirculationPage />
            </RequireRole>
          ),
        },
        {
          path: 'circulation/rules',
          element: (
            <RequireRole allow={canReadLoanRules}>
              <RulesPage />
            </RequireRole>
          ),
        },
        { path: 'libraries', element: <LibrariesPage /> },
        { path: 'libraries/:id', element: <LibraryPage /> },
        { path: 'municipalities', element: <MunicipalitiesPage /> },
        { path: 'municipalities/:id', element: <MunicipalityPage /> },
        {
          path: 'partners',
          element: (
            <RequireRole allow={canSeePartners}>
              <PartnersPage />
            </RequireRole>
          ),
        },
        {
          path: 'partners/:id',
          element: (
            <RequireRole allow={canSeePartners}>
              <PartnerPage />
            </RequireRole>
          ),
        },
        {
          path: 'contributions',
          element: (
            <RequireRole allow={canSeeFinance}>
              <ContributionsPage />
            </RequireRole>
          ),
        },
        {
          path: 'events',
          element: (
            <RequireRole allow={canSeeEvents}>
              <EventsPage />
            </RequireRole>
          ),
        },
        {
          path: 'events/settings',
          element: (
            <RequireRole allow={canSetUpEvents}>
              <EventSettingsPage />
            </RequireRole>
          ),
        },
        {
          path: 'events/:id',
          element: (
            <RequireRole allow={canSeeEvents}>
              <EventPage />
            </RequireRole>
          ),
        },
        {
          path: 'municipal',
          element: (
            <RequireRole allow={canHandleRequests}>
              <RequestsPage />
            </RequireRole>
          ),
        },
        {
          path: 'municipal/requests/:id',
          element: (
            <RequireRole allow={canHandleRequests}>
              <RequestPage />
            </RequireRole>
          ),
        },
        {
          path: 'subscriptions',
          element: (
            <RequireRole allow={canSubscribe}>
              <SubscriptionsPage />
            </RequireRole>
          ),
        },
        { path: 'seminars', element: <SeminarsPage /> },
        { path: 'seminars/:id', element: <SeminarPage /> },
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
