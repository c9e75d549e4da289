/**
 * A tagged template for HTML that escapes every interpolated value unless it is already `SafeHtml`,
 * so a library named `<b>Ала-Тоо</b>` is shown as text and can never inject markup.
 *
 * @example html`<h1>${library.name}</h1>${items.map((i) => html`<li>${i}</li>`)}`
 */

/** Markup that is already escaped (or built by `html`), so it is inserted as is. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** What may be interpolated: `null`, `undefined` and `false` render nothing, so `cond && html`…`` works. */
export type HtmlValue = SafeHtml | string | number | null | undefined | false | readonly HtmlValue[];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** Joins pieces with a separator, escaping the pieces that are plain text. */
export function joinHtml(parts: readonly HtmlValue[], separator: HtmlValue): SafeHtml {
  const rendered = parts.map(render).filter((p) => p !== '');
  return new SafeHtml(rendered.join(render(separator)));
}

/**
 * schema.org data in a `<script type="application/ld+json">`. Browsers never execute it, so the
 * CSP's script-src does not apply; `<`, `>` and `&` are written as \u escapes so a name containing
 * `</script>` cannot end the element early.
 */
export function jsonLd(data: unknown): SafeHtml {
  const json = JSON.stringify(data).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return new SafeHtml(`<script type="application/ld+json">${json}</script>`);
}
