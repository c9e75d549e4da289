import type { ruAccount } from './ru-account';

/** Texts of the reader's portal password control in Kyrgyz. */
export const kyAccount: typeof ruAccount = {
  portalPassword: {
    button: 'Порталдын сырсөзү',
    title: 'Порталдагы жеке кабинеттин сырсөзү',
    intro: 'Окурман порталга {{card}} билет номери жана ушул сырсөз менен кирет. Окурман айткан сырсөздү жазыңыз же ага почта аркылуу шилтеме жөнөтүңүз.',
    password: 'Жаңы сырсөз',
    save: 'Сырсөздү коюу',
    saved: 'Сырсөз коюлду. Окурман порталга кире алат.',
    sendLink: 'Почтага шилтеме жөнөтүү',
    linkSent: 'Шилтеме {{email}} дарегине жөнөтүлдү.',
    mailLanguage: 'Шилтемеси бар каттын тили',
    readerLanguage: 'Окурмандын порталдагы тили',
  },
};
