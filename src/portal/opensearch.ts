/**
 * `/opensearch.xml`: the OpenSearch 1.1 description, so a browser can add the catalogue to its search
 * engines and every portal page points to it with `<link rel="search">`.
 */
import { favicon } from './assets';
import { escapeHtml } from './html';
import type { Translate } from './portal-i18n';

/** OpenSearch limits ShortName to 16 characters and Description to 1024. */
export function openSearchDescription(origin: string, t: Translate, lang: string): string {
  // A name of its own: cutting the page title at 16 characters left «Электронный ката».
  const shortName = t('opac.short_name').slice(0, 16);
  const template = `${origin}/catalog?q={searchTerms}&page={startPage?}`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/">
  <ShortName>${escapeHtml(shortName)}</ShortName>
  <Description>${escapeHtml(t('opac.opensearch_description').slice(0, 1024))}</Description>
  <InputEncoding>UTF-8</InputEncoding>
  <OutputEncoding>UTF-8</OutputEncoding>
  <Language>${escapeHtml(lang)}</Language>
  <Image width="16" height="16" type="image/svg+xml">${escapeHtml(origin + favicon.href)}</Image>
  <Url type="text/html" method="get" template="${escapeHtml(template)}" pageOffset="1"/>
  <Url type="application/opensearchdescription+xml" rel="self" template="${escapeHtml(`${origin}/opensearch.xml`)}"/>
</OpenSearchDescription>
`;
}
