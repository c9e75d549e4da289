/** Test support for the interop endpoints: records made through the form, and XSD validation with xmllint. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { Db } from '../../app/db';
import { SYSTEM_ACTOR } from '../../audit';
import { ZRecordCreate } from '../catalog.schemas';
import { createRecordFromForm } from '../records.service';

export const XSD_DIR = fileURLToPath(new URL('../../../../shared/testdata/xsd/', import.meta.url));

const SCHEMAS = {
  sru: 'sru-2.0/sruResponse.xsd',
  // The ZeeRex record inside an explain response: sruResponse.xsd checks recordData only laxly.
  explain: 'sru-2.0/explain.xsd',
  oai: 'oai-pmh-bundle.xsd',
} as const;

let availability: string | null | undefined;

/** Why validation cannot run here (no xmllint, no schema folder), or null when it can. */
function unavailable(): string | null {
  if (availability !== undefined) return availability;
  if (!existsSync(`${XSD_DIR}catalog.xml`)) availability = `schema folder ${XSD_DIR} is absent`;
  else if (spawnSync('xmllint', ['--version']).error)
    availability = 'xmllint is not on PATH (apt-get install libxml2-utils)';
  else availability = null;
  if (availability) console.warn(`XSD validation SKIPPED: ${availability}`);
  return availability;
}

/** Asserts that a response validates against the official schema; skipped (with a warning) without xmllint. */
export function expectValidXml(xml: string, kind: keyof typeof SCHEMAS) {
  if (unavailable()) return;
  const result = spawnSync('xmllint', ['--nonet', '--noout', '--schema', `${XSD_DIR}${SCHEMAS[kind]}`, '-'], {
    input: xml,
    env: { ...process.env, XML_CATALOG_FILES: `${XSD_DIR}catalog.xml` },
    encoding: 'utf8',
  });
  expect(result.stderr, xml.slice(0, 2000)).toMatch(/- validates/);
  expect(result.status).toBe(0);
}

export async function makeRecord(db: Db, input: Record<string, unknown>) {
  return createRecordFromForm(db, SYSTEM_ACTOR, ZRecordCreate.parse(input));
}

/** A small catalogue: [Белый пароход (RUSMARC), Джамиля (MARC 21), Война и мир, Тихий Дон]. */
export async function makeCatalogue(db: Db) {
  const parohod = await makeRecord(db, {
    format: 'rusmarc',
    title: 'Белый пароход',
    authors: ['Айтматов, Ч.'],
    subjects: ['Кыргызская литература'],
    publisher: 'Кыргызстан',
    place: 'Фрунзе',
    year: 1970,
    isbns: ['978-5-17-090853-0'],
    language: 'rus',
  });
  const jamila = await makeRecord(db, {
    format: 'marc21',
    title: 'Джамиля',
    authors: ['Айтматов, Ч.'],
    subjects: ['Повести'],
    year: 1958,
    language: 'kir',
  });
  const war = await makeRecord(db, {
    format: 'rusmarc',
    title: 'Война и мир',
    authors: ['Толстой, Л. Н.'],
    subjects: ['Русская литература'],
    year: 1869,
    isbns: ['9785000016299'],
  });
  const don = await makeRecord(db, {
    format: 'rusmarc',
    title: 'Тихий Дон',
    authors: ['Шолохов, М. А.'],
    subjects: ['Русская литература'],
  });
  return { parohod, jamila, war, don };
}
