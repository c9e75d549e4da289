/** The catalogue domain's public face for other domains (import, export, SRU, OAI-PMH, OPAC, circulation). */
export { bibRecords, items } from './catalog.tables';
export { registerCatalogRoutes } from './catalog.routes';
export { CATALOG_READER_ROLES, RECORD_EDITOR_ROLES, COPY_EDITOR_ROLES } from './catalog.policy';
export { findNewRecords, searchCatalog, type Facet, type SearchFacets } from './search.service';
export { findRecord, insertRecord, columnsFromMarc, publicRecord, type CatalogRecord } from './records.service';
export { findItem, listItems, type Item } from './items.service';
export { extractRecordFields, type RecordFields } from './record-fields';
export { renderGostDescription } from './gost-description';
export { authorMark, suggestCallNumber } from './author-mark';
export { isbnKeys, isbnProblem, normalizeIsbn } from './isbn';
export * from './catalog.schemas';
