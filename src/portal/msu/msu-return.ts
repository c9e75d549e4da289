/**
 * Where an official returns after logging in: the officials' page they asked for, so a link to
 * /msu/requests/new opened while logged out leads there once they log in. Only paths of this site under
 * /msu are accepted; anything else (another host, //host, a backslash trick) falls back to /msu.
 */
import { sameOriginPath } from '../portal-request';
import { MSU_HOME } from './msu.views';

/** The same-site path under /msu that `value` names, or null when it names anything else. */
export function msuReturnPath(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 2000) return null;
  const path = sameOriginPath(value);
  const pathname = path.split('?')[0]!;
  if (pathname !== MSU_HOME && !pathname.startsWith(`${MSU_HOME}/`)) return null;
  if (pathname === `${MSU_HOME}/login` || pathname === `${MSU_HOME}/logout`) return null;
  return path;
}
