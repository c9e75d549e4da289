/** Shapes every list endpoint shares. */
export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export const PAGE_SIZE = 25;
/** Enough for a pick-list of every municipality or library of a district network. */
export const OPTIONS_PAGE_SIZE = 500;
