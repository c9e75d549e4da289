/** Texts of the reader's portal password control (the loan desk's reader panel) in Russian. */
export const ruAccount = {
  portalPassword: {
    button: 'Пароль для портала',
    title: 'Пароль личного кабинета на портале',
    intro: 'Читатель входит на портал с номером билета {{card}} и этим паролем. Введите пароль, который назвал читатель, или отправьте ему ссылку на почту.',
    password: 'Новый пароль',
    save: 'Задать пароль',
    saved: 'Пароль задан. Читатель может войти на портале.',
    sendLink: 'Отправить ссылку на почту',
    linkSent: 'Ссылка отправлена на {{email}}.',
    mailLanguage: 'Язык письма со ссылкой',
    readerLanguage: 'Язык читателя на портале',
  },
};
