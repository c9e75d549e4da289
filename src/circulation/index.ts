/** The circulation domain's public face for other domains (portal, statistics, demo). */
export {
  loans,
  holds,
  inLibraryUses,
  readerVisits,
  manualVisits,
  loanRules,
  circulationSettings,
  depositCollections,
  depositCollectionItems,
  pointVisits,
  itemTransits,
} from './circulation.tables';
export { checkOutItem, todayUtc } from './checkout.service';
export { returnItem } from './return.service';
export { renewLoan } from './renew.service';
export { placeHold, cancelHold, findHold, listReaderHolds, type HoldView } from './holds.service';
export { cancelHoldsAndPassOn } from './hold-release';
export { listOpenLoans, listLoanHistory, readerPanelById, type OpenLoanView } from './desk.service';
export { resolveLoanRule, BUILT_IN_RULE } from './rules';
export { isBelowAgeLabel, minimumAge } from './age-labels';
export { DESK_ROLES } from './circulation.policy';
export * from './circulation.schemas';
export { summarizeCirculation, type CirculationSummary, type AgeGroupFigures } from './summary.service';
