/** Every screen of the staff app and who may open it; the app lives under /staff. */
import { createBrowserRouter } from 'react-router';
import { ChangePasswordPage } from '../staff/web/change-password';
import { LoginPage } from '../staff/web/login-page';
import { AppLayout } from './layout/app-layout';
import { NotFoundPage } from './layout/not-found-page';
import { RequireRole, RequireSession } from './layout/require-session';
import { paths } from './paths';
import {
  canEditReaderCategories,
  canEditRecords,
  canListCopies,
  canHandleRequests,
  canReadLoanRules,
  canSeeAudit,
  canSeeEvents,
  canSeeFinance,
  canSetUpEvents,
  canSeePartners,
  canSeeStaff,
  canServeReaders,
  canSubscribe,
  canWorkDesk,
} from './permissions';
import { lazyPage } from './lazy-page';

const AuditPage = lazyPage(() => import('../audit/web'), 'AuditPage');
const CatalogSearchPage = lazyPage(() => import('../catalog/web/catalog-search-page'), 'CatalogSearchPage');
const CopiesPage = lazyPage(() => import('../catalog/web/copies-page'), 'CopiesPage');
const CopyPage = lazyPage(() => import('../catalog/web/copy-page'), 'CopyPage');
const ExtremistPage = lazyPage(() => import('../catalog/web/extremist-page'), 'ExtremistPage');
const ImportPage = lazyPage(() => import('../catalog/web/import-page'), 'ImportPage');
const RecordCreatePage = lazyPage(() => import('../catalog/web/record-create-page'), 'RecordCreatePage');
const RecordPage = lazyPage(() => import('../catalog/web/record-page'), 'RecordPage');
const SruServersPage = lazyPage(() => import('../catalog/web/sru-servers-page'), 'SruServersPage');
const CirculationPage = lazyPage(() => import('../circulation/web/circulation-page'), 'CirculationPage');
const DeskPage = lazyPage(() => import('../circulation/web/desk-page'), 'DeskPage');
const RulesPage = lazyPage(() => import('../circulation/web/rules-page'), 'RulesPage');
const ReaderCategoriesPage = lazyPage(() => import('../readers/web'), 'ReaderCategoriesPage');
const ReaderPage = lazyPage(() => import('../readers/web'), 'ReaderPage');
const ReadersPage = lazyPage(() => import('../readers/web'), 'ReadersPage');
const RegisterReaderPage = lazyPage(() => import('../readers/web'), 'RegisterReaderPage');
const HomePage = lazyPage(() => import('../network/web/home-page'), 'HomePage');
const LibrariesPage = lazyPage(() => import('../network/web/libraries-page'), 'LibrariesPage');
const LibraryPage = lazyPage(() => import('../network/web/library-page'), 'LibraryPage');
const MunicipalitiesPage = lazyPage(() => import('../network/web/municipalities-page'), 'MunicipalitiesPage');
const MunicipalityPage = lazyPage(() => import('../network/web/municipality-page'), 'MunicipalityPage');
const EventPage = lazyPage(() => import('../events/web'), 'EventPage');
const EventSettingsPage = lazyPage(() => import('../events/web'), 'EventSettingsPage');
const EventsPage = lazyPage(() => import('../events/web'), 'EventsPage');
const RequestPage = lazyPage(() => import('../municipal/web'), 'RequestPage');
const RequestsPage = lazyPage(() => import('../municipal/web'), 'RequestsPage');
const SubscriptionsPage = lazyPage(() => import('../municipal/web'), 'SubscriptionsPage');
const ContributionsPage = lazyPage(() => import('../partners/web'), 'ContributionsPage');
const PartnerPage = lazyPage(() => import('../partners/web'), 'PartnerPage');
const PartnersPage = lazyPage(() => import('../partners/web'), 'PartnersPage');
const SeminarPage = lazyPage(() => import('../seminars/web'), 'SeminarPage');
const SeminarsPage = lazyPage(() => import('../seminars/web'), 'SeminarsPage');
const StaffPage = lazyPage(() => import('../staff/web/staff-page'), 'StaffPage');

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
          path: 'catalog/copies',
          element: (
            <RequireRole allow={canListCopies}>
              <CopiesPage />
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
