/** The readers domain's public face for other domains (circulation, statistics, the portal). */
export { ageGroup, ageGroupOfAge, ageOn, GUARDIAN_REQUIRED_UNDER, type AgeGroup } from './age';
export { readerCategories, readerRegistrations, readers } from './readers.tables';
export { findReader, findReaderByCard, findDuplicates, foldName, type Reader } from './readers.service';
export { isRegistrationValid, registrationOn, listRegistrations, type Registration } from './registrations.service';
export { categoryName, listCategories, findCategoryByCode, ensureDefaultCategories, type ReaderCategory } from './categories.service';
export { READER_STAFF_ROLES, canServeReadersOf, canRegisterAt } from './readers.policy';
export { CURRENT_CONSENT_VERSION, DEFAULT_READER_CATEGORIES } from './readers.schemas';
