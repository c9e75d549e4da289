/** Names and URLs of the PostgreSQL databases tests create. */
export function adminUrl(url: string): string {
  const u = new URL(url);
  u.pathname = '/postgres';
  return u.toString();
}

/** One template per test run, so parallel runs on one server do not collide. */
export function templateName(): string {
  return `kp_tpl_${process.pid}_${Date.now().toString(36)}`;
}
