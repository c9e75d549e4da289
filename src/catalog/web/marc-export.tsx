/**
 * Records as a MARC file from the staff app: the records ticked in the results, the search on screen,
 * one library's holdings or the whole catalogue, in RUSMARC or MARC 21, as ISO 2709 or MARCXML (UTF-8).
 * The file is streamed by GET /api/v1/catalog/export, so even the whole catalogue downloads as it is
 * written.
 */
import { Button, Modal, Radio, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLibraries } from '../../network/web/api';
import { withQuery } from '../../web/api/client';
import { OPTIONS_PAGE_SIZE } from '../../web/api/types';
import { libraryOptions } from '../../network/web/library-options';

type Scope = 'selected' | 'search' | 'library' | 'all';

/** How many records can be ticked: their ids travel in the download's address (the export route's limit). */
export const MAX_TICKED = 300;

interface MarcExportProps {
  opened: boolean;
  onClose: () => void;
  /** The filters of the search on screen (none: the search is not offered). */
  search: Record<string, string | undefined>;
  /** Records ticked in the results, in the order ticked. */
  selectedIds: string[];
}

export function MarcExportModal({ opened, onClose, search, selectedIds }: MarcExportProps) {
  const { t } = useTranslation();
  const hasSearch = Object.values(search).some(Boolean);
  const offered = (s: Scope) => (s === 'selected' ? selectedIds.length > 0 : s === 'search' ? hasSearch : true);
  // Until chosen, the narrowest scope on offer; a choice no longer on offer falls back the same way.
  const [chosen, setScope] = useState<Scope | null>(null);
  const [libraryId, setLibraryId] = useState<string | null>(null);
  const [schema, setSchema] = useState<'rusmarc' | 'marc21'>('rusmarc');
  const [format, setFormat] = useState<'iso2709' | 'marcxml'>('iso2709');
  const libraries = useLibraries({ pageSize: OPTIONS_PAGE_SIZE });
  const effective: Scope = chosen && offered(chosen) ? chosen : (['selected', 'search', 'library'] as const).find(offered)!;
  const href = withQuery('/api/v1/catalog/export', {
    schema,
    format,
    ...(effective === 'search' ? search : {}),
    ids: effective === 'selected' ? selectedIds.join(',') : undefined,
    holdingsOf: effective === 'library' ? (libraryId ?? undefined) : undefined,
  });
  const ready = effective !== 'library' || libraryId !== null;
  return (
    <Modal opened={opened} onClose={onClose} title={t('marcExport.title')}>
      <Stack>
        <Radio.Group label={t('marcExport.what')} value={effective} onChange={(v) => setScope(v)}>
          <Stack gap="xs" mt="xs">
            <Radio value="selected" label={t('marcExport.selected', { count: selectedIds.length })} disabled={!offered('selected')} />
            <Radio value="search" label={t('marcExport.search')} disabled={!hasSearch} />
            <Radio value="library" label={t('marcExport.library')} />
            <Radio value="all" label={t('marcExport.all')} />
          </Stack>
        </Radio.Group>
        {effective === 'library' && (
          <Select
            label={t('items.library')}
            placeholder={t('marcExport.chooseLibrary')}
            data={libraryOptions(libraries.data?.items ?? [])}
            value={libraryId}
            onChange={setLibraryId}
            searchable
            required
            data-testid="marc-export-library"
          />
        )}
        <Radio.Group label={t('marcExport.schema')} value={schema} onChange={(v) => setSchema(v)}>
          <Stack gap="xs" mt="xs">
            <Radio value="rusmarc" label="RUSMARC" />
            <Radio value="marc21" label="MARC 21" />
          </Stack>
        </Radio.Group>
        <Radio.Group label={t('marcExport.format')} value={format} onChange={(v) => setFormat(v)}>
          <Stack gap="xs" mt="xs">
            <Radio value="iso2709" label={t('marcExport.iso2709')} />
            <Radio value="marcxml" label={t('marcExport.marcxml')} />
          </Stack>
        </Radio.Group>
        <Text size="sm" c="dimmed">
          {t('marcExport.hint')}
        </Text>
        <Button component="a" href={ready ? href : undefined} disabled={!ready} onClick={onClose} data-testid="marc-export-download">
          {t('marcExport.download')}
        </Button>
      </Stack>
    </Modal>
  );
}
