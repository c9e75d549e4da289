/** The network domain's public face for other domains. */
export { resolveScope, scopeContainsNode, networkOfScopeNode, type ResolvedScope } from './network.scope';
export { MANAGER_ROLES, STAFF_ROLES } from './network.policy';
export {
  findLibrary,
  findLibraryByCode,
  findNetwork,
  libraryOrder,
  listLibraries,
  listServicePoints,
  visibilityFromScope,
  type Library,
  type LibraryListQuery,
  type LibraryVisibility,
} from './libraries.service';
export { findPassport, type PassportView } from './passports.service';
export {
  libraries,
  libraryMunicipalities,
  libraryPassports,
  networks,
  regions,
  municipalities,
  servicePoints,
} from './network.tables';
export { WEEKDAYS, ZPassportData, type TPassportData, type TWeekday } from './network.schemas';
