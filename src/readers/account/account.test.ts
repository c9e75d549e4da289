/** The reader's portal password: set at the desk or through an e-mailed one-time link; audited, never shown. */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { auditLog } from '../../audit';
import { buildLibrary, buildNetwork, buildStaff, client, login } from '../../test/factories';
import { describeOnEachDatabase } from '../../test/harness';
import { startSmtpCapture, type SmtpCapture } from '../../test/smtp-capture';
import { buildReader } from '../readers.factories';
import { verifyReaderLogin } from './account.service';

let smtp: SmtpCapture;
beforeAll(async () => {
  smtp = await startSmtpCapture();
});
afterAll(async () => smtp.close());

/** The link in the last e-mail to this address (quoted-printable soft breaks undone). */
export function linkOfMail(raw: string): string {
  const text = raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
  return /https?:\/\/\S+\/account\/password\/set\?token=[\w-]+/.exec(text)![0];
}

describeOnEachDatabase(
  'reader accounts: the password',
  (ctx) => {
    const db = () => ctx.database.db;

    async function setup() {
      const network = await buildNetwork(db());
      const branch = await buildLibrary(db(), network.id);
      const other = await buildLibrary(db(), (await buildNetwork(db())).id);
      const librarian = await buildStaff(db(), 'librarian', 'library', branch.id, { language: 'en' });
      const stranger = await buildStaff(db(), 'librarian', 'library', other.id);
      const methodologist = await buildStaff(db(), 'methodologist', 'network', network.id);
      return {
        branch,
        desk: client(ctx.app, await login(ctx.app, librarian.login)),
        stranger: client(ctx.app, await login(ctx.app, stranger.login)),
        methodologist: client(ctx.app, await login(ctx.app, methodologist.login)),
      };
    }

    it('a librarian of the reader’s network sets the password at the desk; the hash is never shown or logged', async () => {
      const s = await setup();
      const reader = await buildReader(db(), s.branch);
      const short = await s.desk.post(`/api/v1/readers/${reader.id}/password`, { password: 'short' });
      expect(short.statusCode).toBe(422);
      expect(short.body).toContain('at least 8 characters');
      expect((await s.stranger.post(`/api/v1/readers/${reader.id}/password`, { password: 'secret-123' })).statusCode).toBe(403);
      expect((await s.methodologist.post(`/api/v1/readers/${reader.id}/password`, { password: 'secret-123' })).statusCode).toBe(403);
      expect(await verifyReaderLogin(db(), reader.cardNumber, 'secret-123')).toBeNull();

      const set = await s.desk.post(`/api/v1/readers/${reader.id}/password`, { password: 'secret-123' });
      expect(set.statusCode, set.body).toBe(204);
      expect((await verifyReaderLogin(db(), reader.cardNumber, 'secret-123'))?.id).toBe(reader.id);
      expect(await verifyReaderLogin(db(), reader.cardNumber, 'secret-124')).toBeNull();

      const card = await s.desk.get(`/api/v1/readers/${reader.id}`);
      expect(card.json()).toMatchObject({ hasPassword: true });
      expect(card.body).not.toContain('argon2');
      const entries = await db().select().from(auditLog).where(and(eq(auditLog.objectId, reader.id), eq(auditLog.action, 'reader.password_set')));
      expect(entries).toHaveLength(1);
      expect(JSON.stringify(entries)).not.toContain('argon2');
      expect(JSON.stringify(entries)).not.toContain('secret-123');
    });

    it('e-mails a one-time link that sets the password once, and refuses a reader without an address', async () => {
      const s = await setup();
      const reader = await buildReader(db(), s.branch, { email: `r${Date.now()}@example.kg` });
      const before = smtp.messages.length;
      const sent = await s.desk.post(`/api/v1/readers/${reader.id}/password-link`, {});
      expect(sent.statusCode, sent.body).toBe(200);
      expect(sent.json()).toEqual({ sentTo: reader.email });
      const mail = smtp.messages.slice(before);
      expect(mail).toHaveLength(1);
      expect(mail[0]!.to).toEqual([reader.email]);
      expect(mail[0]!.subject).toBe('Password for your reader account');
      const link = new URL(linkOfMail(mail[0]!.raw));

      const form = await ctx.app.inject({ method: 'GET', url: `${link.pathname}${link.search}` });
      expect(form.statusCode).toBe(200);
      expect(form.body).toContain('name="password"');
      const post = (password: string, repeat = password) =>
        ctx.app.inject({
          method: 'POST',
          url: '/account/password/set',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams({ token: link.searchParams.get('token')!, password, repeat }).toString(),
        });
      const mismatch = await post('new-password-1', 'new-password-2');
      expect(mismatch.statusCode).toBe(422);
      expect((await post('new-password-1')).statusCode).toBe(200);
      expect((await verifyReaderLogin(db(), reader.cardNumber, 'new-password-1'))?.id).toBe(reader.id);
      // Used once: the same link no longer works.
      const again = await post('new-password-2');
      expect(again.statusCode).toBe(410);
      expect(await verifyReaderLogin(db(), reader.cardNumber, 'new-password-2')).toBeNull();

      const noEmail = await buildReader(db(), s.branch);
      const refused = await s.desk.post(`/api/v1/readers/${noEmail.id}/password-link`, {});
      expect(refused.statusCode).toBe(409);
      expect(refused.json()).toMatchObject({ code: 'no_email' });
      expect((await s.stranger.post(`/api/v1/readers/${reader.id}/password-link`, {})).statusCode).toBe(403);
    });

    it('writes the e-mail in the language the reader uses on the portal, or the one chosen at the desk or on the portal page', async () => {
      const s = await setup();
      const reader = await buildReader(db(), s.branch, { email: `l${Date.now()}@example.kg` });
      const subjectOf = async (send: () => Promise<unknown>) => {
        const before = smtp.messages.length;
        await send();
        const mail = smtp.messages.slice(before);
        expect(mail).toHaveLength(1);
        return mail[0]!.subject;
      };
      const fromDesk = (body: object = {}) => () => s.desk.post(`/api/v1/readers/${reader.id}/password-link`, body);
      // Never on the portal: the staff member's language (English here).
      expect(await subjectOf(fromDesk())).toBe('Password for your reader account');

      // The reader signs in on the Kyrgyz portal: from then on the desk writes in Kyrgyz.
      await s.desk.post(`/api/v1/readers/${reader.id}/password`, { password: 'secret-123' });
      const signIn = await ctx.app.inject({
        method: 'POST',
        url: '/account/login?lang=ky',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ card: reader.cardNumber, password: 'secret-123' }).toString(),
      });
      expect(signIn.statusCode, signIn.body).toBe(303);
      expect(await subjectOf(fromDesk())).toBe('Окурмандын жеке кабинетинин сырсөзү');
      // A language chosen at the desk wins.
      expect(await subjectOf(fromDesk({ language: 'ru' }))).toBe('Пароль для личного кабинета читателя');
      // Asked for on the Russian portal page: in Russian, and remembered.
      const forgot = () =>
        ctx.app.inject({
          method: 'POST',
          url: '/account/password/forgot?lang=ru',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams({ card: reader.cardNumber }).toString(),
        });
      expect(await subjectOf(forgot)).toBe('Пароль для личного кабинета читателя');
      expect(await subjectOf(fromDesk())).toBe('Пароль для личного кабинета читателя');
    });
  },
  { config: { get KITEPKANA_SMTP_URL() { return smtp.smtpUrl; } } as unknown as Record<string, string> },
);
