/** schema.org descriptions of the libraries, so search engines and maps show their address and hours. */
import type { TPassportData } from '../network';
import { hasKnownHours, openingHoursSpecification } from './hours';
import type { LibrarySummary } from './library-views';

export interface LibraryJsonLdInput {
  origin: string;
  library: LibrarySummary;
  passport: TPassportData | undefined;
  networkName: string;
  /** ISO 3166 code of the network's country. */
  country: string;
}

/** Drops empty values: schema.org consumers treat "" as a value, not as "unknown". */
function compact<T extends Record<string, unknown>>(data: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(data).filter(
      ([, v]) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && !v.length),
    ),
  ) as Partial<T>;
}

export function libraryJsonLd({ origin, library, passport, networkName, country }: LibraryJsonLdInput) {
  const url = `${origin}/libraries/${library.id}`;
  return compact({
    '@type': 'Library',
    '@id': url,
    url,
    name: library.name,
    address: compact({
      '@type': 'PostalAddress',
      streetAddress: passport?.address,
      addressLocality: library.settlement,
      addressCountry: country,
    }),
    telephone: passport?.phone,
    email: passport?.email,
    geo:
      passport && passport.lat !== null && passport.lon !== null
        ? { '@type': 'GeoCoordinates', latitude: passport.lat, longitude: passport.lon }
        : undefined,
    openingHoursSpecification:
      passport && hasKnownHours(passport.hours) ? openingHoursSpecification(passport.hours) : undefined,
    parentOrganization: { '@type': 'Organization', name: networkName },
  });
}

export function jsonLdGraph(items: object[]) {
  return { '@context': 'https://schema.org', '@graph': items };
}
