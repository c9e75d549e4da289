/** The readers domain's staff screens. */
export { ReadersPage } from './readers-page';
export { ReaderPage } from './reader-page';
export { RegisterReaderPage } from './register-page';
export { ReaderCategoriesPage } from './categories-page';
export { PortalPasswordControl } from './portal-password';
