/** `/`: the network itself when the installation has one, otherwise every network grouped by region. */
import type { Library, TPassportData } from '../network';
import { html, jsonLd, type SafeHtml } from './html';
import { jsonLdGraph, libraryJsonLd } from './json-ld';
import { layout, type PageContext } from './layout';
import { libraryCard, libraryFacts, librariesHref, searchForm } from './library-views';
import type { PortalNetwork } from './portal.data';
import { plural } from './portal-i18n';

export interface HomeData {
  networks: PortalNetwork[];
  /** Active central and children's libraries of those networks. */
  mainLibraries: Library[];
  passports: Map<string, TPassportData>;
}

function intro(page: PageContext, network: PortalNetwork): string {
  return page.t('portal.network_intro', { branches: plural(page.lang, 'portal.branches', network.branchCount) });
}

function singleNetwork(page: PageContext, network: PortalNetwork, data: HomeData): SafeHtml {
  const { t } = page;
  return html`<section class="hero">
      <h1>${network.name}</h1>
      <p class="lead">${intro(page, network)}</p>
      <p class="muted">${network.regionName}</p>
      ${searchForm(page, {})}
    </section>
    <div class="grid">
      ${data.mainLibraries.map((library) => libraryCard(page, library, data.passports.get(library.id), 'h2'))}
      <section class="card cta">
        <h2>${t('portal.libraries')}</h2>
        <p>${plural(page.lang, 'portal.branches', network.branchCount)}</p>
        <p><a class="button" href="/libraries">${t('portal.open_list')}</a></p>
      </section>
    </div>`;
}

function networkCard(page: PageContext, network: PortalNetwork, data: HomeData): SafeHtml {
  const central = data.mainLibraries.find((l) => l.networkId === network.id && l.kind === 'central');
  const listHref = librariesHref(network.id);
  return html`<article class="card network">
    <h3 class="lib-title"><a href="${listHref}">${network.name}</a></h3>
    <p>${intro(page, network)}</p>
    ${
      central &&
      html`<h4><a href="/libraries/${central.id}">${central.name}</a></h4>
        ${libraryFacts(page, data.passports.get(central.id))}`
    }
    <p><a class="button" href="${listHref}">${page.t('portal.all_libraries')}</a></p>
  </article>`;
}

function manyNetworks(page: PageContext, data: HomeData): SafeHtml {
  const regions = new Map<string, PortalNetwork[]>();
  for (const network of data.networks)
    regions.set(network.regionName, [...(regions.get(network.regionName) ?? []), network]);
  return html`<section class="hero">
      <h1>${page.t('portal.networks')}</h1>
      ${searchForm(page, {})}
    </section>
    ${[...regions].map(
      ([region, networks]) =>
        html`<section>
          <h2>${region}</h2>
          <div class="grid">${networks.map((network) => networkCard(page, network, data))}</div>
        </section>`,
    )}`;
}

export function homePage(page: PageContext, data: HomeData): SafeHtml {
  const { t } = page;
  const only = data.networks.length === 1 ? data.networks[0] : undefined;
  const siteName = only?.name ?? t('portal.title');
  const networkById = new Map(data.networks.map((n) => [n.id, n]));
  const structuredData = data.mainLibraries.flatMap((library) => {
    const network = networkById.get(library.networkId);
    if (!network) return [];
    const passport = data.passports.get(library.id);
    return [
      libraryJsonLd({ origin: page.origin, library, passport, networkName: network.name, country: network.country }),
    ];
  });
  const content = !data.networks.length
    ? html`<h1>${t('portal.title')}</h1>
        <p>${t('portal.no_libraries')}</p>`
    : only
      ? singleNetwork(page, only, data)
      : manyNetworks(page, data);
  return layout(
    page,
    {
      title: siteName,
      siteName,
      librariesHref: '/libraries',
      section: 'home',
      description: only ? intro(page, only) : undefined,
      head: structuredData.length ? jsonLd(jsonLdGraph(structuredData)) : null,
    },
    content,
  );
}
