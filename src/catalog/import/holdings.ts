/**
 * Copies described inside imported records: RUSMARC 899 (location and shelfmark, with the inventory
 * number in $p and barcode in $x when the exporting system fills them), ИРБИС's own 910 (exemplar:
 * $b inventory number, $h barcode, $d location, $e price, $c date), MARC 21 852 (location: $b, $c,
 * $h/$i call number, $p barcode) and 876 (item: $a item number, $p barcode, $c cost, $d acquired).
 */
import type { MarcDataField, MarcFormat, MarcRecord } from '../marc';
import { isDataField } from '../marc';

export interface Holding {
  inventoryNumber: string;
  barcode: string | null;
  callNumber: string;
  location: string;
  price: number | null;
  acquiredOn: string | null;
}

const first = (field: MarcDataField, ...codes: string[]) => {
  for (const code of codes) {
    const value = field.subfields.find((s) => s.code === code)?.value.trim();
    if (value) return value;
  }
  return '';
};

function parsePrice(value: string): number | null {
  const n = Number.parseFloat(value.replace(',', '.').replace(/[^\d.]/g, ''));
  return Number.isFinite(n) && n >= 0 && n < 1e9 ? Math.round(n * 100) / 100 : null;
}

/** YYYYMMDD, YYYY-MM-DD or YYMMDD (as in 876 $d) → YYYY-MM-DD; anything else → null. */
function parseDate(value: string): string | null {
  const digits = value.replace(/\D/g, '');
  const full = digits.length === 8 ? digits : digits.length === 6 ? `${Number(digits.slice(0, 2)) > 50 ? '19' : '20'}${digits}` : '';
  if (!full) return null;
  const iso = `${full.slice(0, 4)}-${full.slice(4, 6)}-${full.slice(6, 8)}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso ? null : iso;
}

function holding(inventory: string, barcode: string, rest: Partial<Holding>): Holding | null {
  const inventoryNumber = inventory || barcode;
  if (!inventoryNumber) return null;
  return {
    inventoryNumber: inventoryNumber.slice(0, 40),
    barcode: barcode ? barcode.slice(0, 40) : null,
    callNumber: (rest.callNumber ?? '').slice(0, 100),
    location: (rest.location ?? '').slice(0, 200),
    price: rest.price ?? null,
    acquiredOn: rest.acquiredOn ?? null,
  };
}

export function extractHoldings(record: MarcRecord, format: MarcFormat): Holding[] {
  const out: Holding[] = [];
  const fields = record.fields.filter(isDataField);
  if (format === 'rusmarc') {
    for (const f of fields) {
      if (f.tag === '899') {
        const call = first(f, 'j') || [first(f, 'h'), first(f, 'i')].filter(Boolean).join('/');
        const h = holding(first(f, 'p'), first(f, 'x'), { callNumber: call, location: [first(f, 'b'), first(f, 'c')].filter(Boolean).join(', ') });
        if (h) out.push(h);
      } else if (f.tag === '910') {
        const h = holding(first(f, 'b'), first(f, 'h'), {
          location: first(f, 'd'),
          price: parsePrice(first(f, 'e')),
          acquiredOn: parseDate(first(f, 'c')),
        });
        if (h) out.push(h);
      }
    }
    return out;
  }
  const locations = fields.filter((f) => f.tag === '852');
  for (const f of fields) {
    if (f.tag === '876') {
      const h = holding(first(f, 'a', 't'), first(f, 'p', '5'), {
        callNumber: first(f, 'h'),
        location: first(f, 'b', '2'),
        price: parsePrice(first(f, 'c')),
        acquiredOn: parseDate(first(f, 'd', '8')),
      });
      if (h) out.push(h);
    }
  }
  if (out.length) return out;
  // Without 876 items, an 852 that carries a barcode is a copy of its own.
  for (const f of locations) {
    const h = holding('', first(f, 'p'), {
      callNumber: [first(f, 'h'), first(f, 'i')].filter(Boolean).join(' '),
      location: [first(f, 'b'), first(f, 'c')].filter(Boolean).join(', '),
    });
    if (h) out.push(h);
  }
  return out;
}
