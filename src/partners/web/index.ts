/** The partners domain's staff screens. */
export { ContributionFormModal } from './contribution-form';
export { ContributionsPage } from './contributions-page';
export { ContributionsTable } from './contributions-table';
export { useContributions } from './api';
export { PartnerPage } from './partner-page';
export { PartnersPage } from './partners-page';
