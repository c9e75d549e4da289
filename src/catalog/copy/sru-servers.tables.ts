/** SRU servers for copy cataloguing, configured by the network admin for the installation or one network. */
import { sql } from 'drizzle-orm';
import { boolean, check, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { networks } from '../../network';

export const sruServers = pgTable(
  'sru_servers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** null: offered to the cataloguers of every network. */
    networkId: uuid('network_id').references(() => networks.id),
    name: text('name').notNull(),
    baseUrl: text('base_url').notNull(),
    database: text('database').notNull().default(''),
    recordSchema: text('record_schema').notNull().default('marcxml'),
    version: text('version').notNull().default('1.2'),
    isActive: boolean('is_active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('sru_servers__network').on(t.networkId),
    check('sru_servers__record_schema', sql`${t.recordSchema} in ('marcxml', 'rusmarc')`),
    check('sru_servers__version', sql`${t.version} in ('1.1', '1.2', '2.0')`),
  ],
);
