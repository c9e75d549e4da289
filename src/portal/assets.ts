/**
 * The portal's only static files: its stylesheet and icon. They are read once, compressed once and
 * cached by browsers for a year; the `?v=` hash in their URLs changes whenever their content does.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyRequest } from 'fastify';

interface Asset {
  path: string;
  href: string;
  type: string;
  body: Buffer;
  br: Buffer;
  gzip: Buffer;
}

function asset(path: string, type: string, content: string): Asset {
  const body = Buffer.from(content, 'utf8');
  const version = createHash('sha256').update(body).digest('hex').slice(0, 12);
  return { path, href: `${path}?v=${version}`, type, body, br: brotliCompressSync(body), gzip: gzipSync(body) };
}

const BOOK_ICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#0d5c63"/>' +
  '<path d="M16 10c-2.4-1.6-5.6-2.1-9-2v15c3.4-.1 6.6.4 9 2 2.4-1.6 5.6-2.1 9-2V8c-3.4-.1-6.6.4-9 2zm0 0v15" fill="none" ' +
  'stroke="#fff" stroke-width="2" stroke-linejoin="round"/></svg>';

export const stylesheet = asset(
  '/assets/portal.css',
  'text/css; charset=utf-8',
  // The catalogue's rules live in their own file and are served in the same stylesheet, without the
  // comments and indentation written for its readers (a village's connection pays for every byte).
  ['./portal.css', './catalog.css', './events.css', './msu/msu.css']
    .map((file) => readFileSync(new URL(file, import.meta.url), 'utf8'))
    .join('\n')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\n\s*/g, '\n'),
);
export const favicon = asset('/assets/favicon.svg', 'image/svg+xml', BOOK_ICON);

/** The best encoding the client accepts; brotli beats gzip on text. */
function acceptedEncoding(request: FastifyRequest): 'br' | 'gzip' | null {
  const accepted = String(request.headers['accept-encoding'] ?? '');
  if (/\bbr\b/.test(accepted)) return 'br';
  if (/\bgzip\b/.test(accepted)) return 'gzip';
  return null;
}

/** Assets are compressed once, at the highest level, rather than per request like pages. */
export function registerAssets(app: FastifyInstance) {
  for (const file of [stylesheet, favicon]) {
    app.get(file.path, { schema: { hide: true } }, async (request, reply) => {
      const encoding = acceptedEncoding(request);
      if (encoding) reply.header('content-encoding', encoding);
      return reply
        .type(file.type)
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('vary', 'Accept-Encoding')
        .send(encoding ? file[encoding] : file.body);
    });
  }
}
