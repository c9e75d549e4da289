/** The network domain's public face for other domains. */
export { resolveScope, scopeContainsNode, networkOfScopeNode, type ResolvedScope } from './network.scope';
export { MANAGER_ROLES, STAFF_ROLES } from './network.policy';
export { findLibrary, listLibraries, visibilityFromScope } from './libraries.service';
export { libraries, networks, regions, municipalities } from './network.tables';
