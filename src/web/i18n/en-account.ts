import type { ruAccount } from './ru-account';

/** Texts of the reader's portal password control in English. */
export const enAccount: typeof ruAccount = {
  portalPassword: {
    button: 'Portal password',
    title: 'Password of the portal account',
    intro: 'The reader logs in on the portal with card number {{card}} and this password. Type the password the reader chose, or e-mail them a link.',
    password: 'New password',
    save: 'Set password',
    saved: 'Password set. The reader can log in on the portal.',
    sendLink: 'E-mail a link',
    linkSent: 'The link was sent to {{email}}.',
    mailLanguage: 'Language of the e-mail with the link',
    readerLanguage: 'The reader’s language on the portal',
  },
};
