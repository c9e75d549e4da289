/** Addresses of the staff app's screens, relative to /staff. */
export const paths = {
  home: '/',
  login: '/login',
  libraries: '/libraries',
  library: (id: string) => `/libraries/${id}`,
  municipalities: '/municipalities',
  municipality: (id: string) => `/municipalities/${id}`,
  staff: '/accounts',
  audit: '/audit',
  catalog: '/catalog',
  catalogImport: '/catalog/import',
  catalogNew: '/catalog/records/new',
  catalogCopy: '/catalog/copy',
  sruServers: '/catalog/sru-servers',
  record: (id: string) => `/catalog/records/${id}`,
  changePassword: '/change-password',
} as const;
