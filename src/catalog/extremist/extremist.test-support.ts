/** Test pieces of the extremist-materials check: a list uploaded as a file, as the staff app sends it. */
import type { Session } from '../../test/factories';
import type { TestContext } from '../../test/harness';

export async function uploadList(ctx: TestContext, session: Session, body: string, query = '') {
  return ctx.app.inject({
    method: 'POST',
    url: `/api/v1/catalog/extremist/lists${query}`,
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/octet-stream' },
    payload: Buffer.from(body, 'utf8'),
  });
}
