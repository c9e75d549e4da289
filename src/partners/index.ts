/** The partners domain's public face for other domains (events, seminars, the municipality report). */
export { sumContributionsByPurpose, type PurposeSumRow } from './contributions.sums';
export { listContributions, type ContributionListQuery } from './contributions.service';
export { partnerOptions } from './partners.service';
export { FINANCE_ROLES, canHandleLibraryFinance } from './partners.policy';
export { contributions, grants, partners, partnerAgreements } from './partners.tables';
export { ZContributionKind, ZCurrency, ZPartnerKind, type TContributionKind, type TCurrency } from './partners.schemas';
