/**
 * Printing spine/barcode labels of a record's copies: which copies (those just added on the page, if
 * any, else all), the sheet's layout, and the place on a partly used sheet to start from.
 */
import { Button, Checkbox, Group, Modal, NumberInput, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconPrinter } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { withQuery } from '../../web/api/client';
import type { Item } from './api';

/** Labels one PDF holds at most (MAX_LABELS in labels.routes.ts). */
export const MAX_LABELS = 240;
const PER_SHEET = { 'a4-3x8': 24, 'a4-4x10': 40 } as const;
type Layout = keyof typeof PER_SHEET;

interface Props {
  copies: (Item & { libraryName: string })[];
  /** Copies just added on the page. */
  added: readonly string[];
}

/** What a label run prints first: the copies just added, if any (the usual case: a new delivery), else every one. */
function firstChoice(copies: Props['copies'], added: readonly string[]): string[] {
  const fresh = copies.filter((c) => added.includes(c.id));
  return (fresh.length ? fresh : copies).slice(0, MAX_LABELS).map((c) => c.id);
}

export function LabelsPrint({ copies, added }: Props) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const [chosen, setChosen] = useState<string[]>([]);
  const [layout, setLayout] = useState<Layout>('a4-3x8');
  const [start, setStart] = useState<number | string>(1);
  const open = () => {
    setChosen(firstChoice(copies, added));
    setOpened(true);
  };
  const place = Math.min(Math.max(Number(start) || 1, 1), PER_SHEET[layout]);
  const href = withQuery('/api/v1/catalog/labels.pdf', { layout, start: place, itemIds: chosen.join(',') });
  return (
    <>
      <Button variant="default" leftSection={<IconPrinter size={16} />} onClick={open} data-testid="items-print-labels">
        {t('items.printLabels')}
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={t('labels.title')} size="md">
        <Stack>
          <Checkbox.Group label={t('labels.copies')} value={chosen} onChange={(ids) => setChosen(ids.slice(0, MAX_LABELS))}>
            <Stack gap={4} mt={4} mah={260} style={{ overflowY: 'auto' }}>
              {copies.map((c) => (
                <Checkbox key={c.id} value={c.id} label={`${c.inventoryNumber} · ${c.barcode} · ${c.libraryName}`} data-testid="labels-copy" />
              ))}
            </Stack>
          </Checkbox.Group>
          <div>
            <Text size="sm" fw={500} mb={4}>
              {t('labels.layout')}
            </Text>
            <SegmentedControl
              value={layout}
              onChange={(v) => setLayout(v === 'a4-4x10' ? 'a4-4x10' : 'a4-3x8')}
              data={[
                { value: 'a4-3x8', label: t('labels.layout3x8') },
                { value: 'a4-4x10', label: t('labels.layout4x10') },
              ]}
            />
          </div>
          <NumberInput
            label={t('labels.start')}
            description={t('labels.startHint', { count: PER_SHEET[layout] })}
            min={1}
            max={PER_SHEET[layout]}
            value={start}
            onChange={setStart}
            w={200}
            data-testid="labels-start"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpened(false)}>
              {t('common.cancel')}
            </Button>
            <Button
              component="a"
              href={href}
              target="_blank"
              rel="noopener"
              leftSection={<IconPrinter size={16} />}
              disabled={chosen.length === 0}
              data-testid="labels-pdf"
            >
              {t('labels.print', { count: chosen.length })}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
