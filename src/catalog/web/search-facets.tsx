/** The side column of the catalogue search: counts by library, year, language, type and subject. */
import { Badge, Button, CloseButton, Group, Stack, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { FACET_KEYS, type Facet, type FacetKey, type SearchResult } from './api';
import { languageName } from './language-name';
import type { SearchKey } from './search-filters';

/** Which search parameter a facet sets (a year facet sets both ends of the year range). */
export const FACET_PARAMS: Record<FacetKey, SearchKey[]> = {
  libraries: ['libraryId'],
  years: ['yearFrom', 'yearTo'],
  languages: ['language'],
  materialTypes: ['materialType'],
  subjects: ['subject'],
};

interface Props {
  facets: SearchResult['facets'];
  /** The total is an estimate ("about N"), and so are the counts: they are shown as "≈ N". */
  approximate: boolean;
  values: Record<SearchKey, string>;
  apply: (changes: Partial<Record<SearchKey, string | null>>) => void;
}

const VISIBLE = 8;

export function SearchFacets({ facets, approximate, values, apply }: Props) {
  const { t } = useTranslation();
  const label = (key: FacetKey, facet: Facet) => {
    if (key === 'materialTypes') return t(`materialType.${facet.value as 'book'}`, { defaultValue: facet.value });
    if (key === 'languages') return languageName(t, facet.value);
    return facet.label ?? facet.value;
  };
  const isChosen = (key: FacetKey, facet: Facet) => values[FACET_PARAMS[key][0]!] === facet.value;
  const set = (key: FacetKey, value: string | null) =>
    apply(Object.fromEntries(FACET_PARAMS[key].map((param) => [param, value])));

  return (
    <Stack gap="md" component="aside" aria-label={t('catalog.facets')} data-testid="catalog-facets">
      {FACET_KEYS.filter((key) => facets[key].length > 0).map((key) => {
        const chosen = facets[key].find((f) => isChosen(key, f));
        return (
          <Stack key={key} gap={4}>
            <Group justify="space-between" gap={4}>
              <Text fw={600} size="sm">
                {t(`catalog.facet.${key}`)}
              </Text>
              {values[FACET_PARAMS[key][0]!] && (
                <CloseButton size="sm" aria-label={t('catalog.clearFilters')} onClick={() => set(key, null)} />
              )}
            </Group>
            {(chosen ? [chosen] : facets[key].slice(0, VISIBLE)).map((facet) => (
              <UnstyledButton
                key={facet.value}
                onClick={() => set(key, isChosen(key, facet) ? null : facet.value)}
                data-testid={`facet-${key}`}
                aria-pressed={isChosen(key, facet)}
              >
                <Group justify="space-between" wrap="nowrap" gap={4}>
                  <Text size="sm" fw={isChosen(key, facet) ? 700 : 400} c={isChosen(key, facet) ? 'teal.8' : undefined} lineClamp={1}>
                    {label(key, facet)}
                  </Text>
                  <Badge size="sm" variant="light" color="gray" style={{ flexShrink: 0 }} title={approximate ? t('catalog.countAbout', { count: facet.count }) : undefined}>
                    {approximate ? `≈ ${facet.count}` : facet.count}
                  </Badge>
                </Group>
              </UnstyledButton>
            ))}
          </Stack>
        );
      })}
      {FACET_KEYS.some((key) => values[FACET_PARAMS[key][0]!]) && (
        <Button variant="subtle" size="xs" onClick={() => apply(Object.fromEntries(FACET_KEYS.flatMap((k) => FACET_PARAMS[k]).map((p) => [p, null])))}>
          {t('catalog.clearFilters')}
        </Button>
      )}
    </Stack>
  );
}
