/** Loads the demo region (replaced by the full demo data set). */
import { sql } from 'drizzle-orm';
import type { Db } from '../app/db';
import type { TRole } from '../staff/staff.schemas';
import { staffUsers } from '../staff/staff.tables';

export const DEMO_PASSWORD = 'demo12345';
export const DEMO_ACCOUNTS: { login: string; role: TRole; description: string }[] = [];

export async function buildDemoIfEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(staffUsers);
  return (row?.n ?? 0) > 0 ? false : false;
}

export async function resetDemo(_db: Db): Promise<void> {}
