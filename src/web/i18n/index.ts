/** The staff app's texts in its three languages; kept free of side effects so tests can import it. */
import { en } from './en';
import { ky } from './ky';
import { ru } from './ru';

export type { WebMessages } from './ru';
export const webMessages = { ru, ky, en };
