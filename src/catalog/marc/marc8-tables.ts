// MARC-8 graphic character sets (LC, "MARC 21 Specifications, Code Tables") other than EACC, written out
// from LC's MARC-8 → Unicode tables. Each set is indexed by its G0 code 0x21-0x7E (a G1 byte is that
// code + 0x80). Entries: Unicode code point, COMBINING flag for non-spacing marks (which MARC-8 writes
// before their base letter), IGNORED for second halves of double diacritics, -1 for unassigned.

export const COMBINING = 0x40000000;
export const IGNORED = 0x20000000;
export const UNASSIGNED = -1;

export type Marc8Set = Int32Array;

/** `pairs`: "hex:hex" items; a trailing '*' on the code point marks a combining character. */
function build(pairs: string, asciiPunct = false): Marc8Set {
  const t = new Int32Array(128).fill(UNASSIGNED);
  if (asciiPunct) {
    // Non-Latin sets repeat ASCII punctuation and digits at their ASCII positions.
    for (let c = 0x21; c <= 0x3f; c++) t[c] = c;
  }
  for (const item of pairs.trim().split(/\s+/)) {
    const [k, v] = item.split(':') as [string, string];
    const combining = v.endsWith('*');
    const cp = v === '-' ? IGNORED : parseInt(combining ? v.slice(0, -1) : v, 16);
    t[parseInt(k, 16)] = combining ? cp | COMBINING : cp;
  }
  return t;
}

function range(fromCode: number, fromCp: number, count: number): string {
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(`${(fromCode + i).toString(16)}:${(fromCp + i).toString(16)}`);
  return out.join(' ');
}

export const BASIC_LATIN: Marc8Set = build(range(0x21, 0x21, 0x5e));

/** ANSEL, given here by G0 code: the G1 bytes 0xA1-0xFE of the default MARC-8 set. */
export const EXTENDED_LATIN: Marc8Set = build(`
  21:141 22:d8 23:110 24:de 25:c6 26:152 27:2b9 28:b7 29:266d 2a:ae 2b:b1 2c:1a0 2d:1af 2e:2bc
  30:2bb 31:142 32:f8 33:111 34:fe 35:e6 36:153 37:2ba 38:131 39:a3 3a:f0 3c:1a1 3d:1b0
  40:b0 41:2113 42:2117 43:a9 44:266f 45:bf 46:a1 47:df 48:20ac
  60:309* 61:300* 62:301* 63:302* 64:303* 65:304* 66:306* 67:307* 68:308* 69:30c* 6a:30a*
  6b:361* 6c:- 6d:315* 6e:30b* 6f:310* 70:327* 71:328* 72:323* 73:324* 74:325* 75:333* 76:332*
  77:326* 78:31c* 79:32e* 7a:360* 7b:- 7e:313*`);

export const BASIC_HEBREW: Marc8Set = build(
  `22:5f4 27:5f3 2d:5be 40:5b7* 41:5b8* 42:5b6* 43:5b5* 44:5b4* 45:5b9* 46:5bb* 47:5b0* 48:5b2*
   49:5b3* 4a:5b1* 4b:5bc* 4c:5bf* 4d:5c1* 4e:fb1e* 5b:5b 5d:5d ${range(0x60, 0x5d0, 27)}
   7b:5f0 7c:5f1 7d:5f2`,
  true,
);

// Basic Cyrillic follows KOI-7 order; capitals 0x60-0x7E are their small letters' code points - 0x20.
const CYRILLIC_SMALL = [
  0x44e, 0x430, 0x431, 0x446, 0x434, 0x435, 0x444, 0x433, 0x445, 0x438, 0x439, 0x43a, 0x43b, 0x43c, 0x43d, 0x43e, 0x43f,
  0x44f, 0x440, 0x441, 0x442, 0x443, 0x436, 0x432, 0x44c, 0x44b, 0x437, 0x448, 0x44d, 0x449, 0x447, 0x44a,
];
export const BASIC_CYRILLIC: Marc8Set = build(
  CYRILLIC_SMALL.map((cp, i) => `${(0x40 + i).toString(16)}:${cp.toString(16)}`)
    .concat(CYRILLIC_SMALL.slice(0, 31).map((cp, i) => `${(0x60 + i).toString(16)}:${(cp - 0x20).toString(16)}`))
    .join(' '),
  true,
);

export const EXTENDED_CYRILLIC: Marc8Set = build(`
  40:491 41:452 42:453 43:454 44:451 45:455 46:456 47:457 48:458 49:459 4a:45a 4b:45b 4c:45c 4d:45e 4e:45f
  50:463 51:473 52:475 53:46b 5b:5b 5d:5d 5f:5f
  60:490 61:402 62:403 63:404 64:401 65:405 66:406 67:407 68:408 69:409 6a:40a 6b:40b 6c:40c 6d:40e 6e:40f
  6f:42a 70:462 71:472 72:474 73:46a`);

export const BASIC_ARABIC: Marc8Set = build(
  `25:66a 2a:66d 2c:60c ${range(0x30, 0x660, 10)} 3b:61b 3f:61f ${range(0x41, 0x621, 26)} 5b:5b 5d:5d
   ${range(0x60, 0x640, 11)} 6b:64b* 6c:64c* 6d:64d* 6e:64e* 6f:64f* 70:650* 71:651* 72:652* 73:671 74:670
   78:66c 79:201d 7a:201c`,
  true,
);

export const EXTENDED_ARABIC: Marc8Set = build(`
  21:6fd 22:672 23:673 24:679 25:67a 26:67b 27:67c 28:67d 29:67e 2a:67f 2b:680 2c:681 2d:682 2e:683 2f:684
  30:685 31:686 32:6bf 33:687 34:688 35:689 36:68a 37:68b 38:68c 39:68d 3a:68e 3b:68f 3c:690 3d:691 3e:692
  3f:693 40:694 41:695 42:696 43:697 44:698 45:699 46:69a 47:69b 48:69c 49:6fa 4a:69d 4b:69e 4c:6fb 4d:69f
  4e:6a0 4f:6fc 50:6a1 51:6a2 52:6a3 53:6a4 54:6a5 55:6a6 56:6a7 57:6a8 58:6a9 59:6aa 5a:6ab 5b:6ac 5c:6ad
  5d:6ae 5e:6af 5f:6b0 60:6b1 61:6b2 62:6b3 63:6b4 64:6b5 65:6b6 66:6b7 67:6b8 68:6ba 69:6bb 6a:6bc 6b:6bd
  6c:6b9 6d:6be 6e:6c0 6f:6c4 70:6c5 71:6c6 72:6ca 73:6cb 74:6cd 75:6ce 76:6d0 77:6d2 78:6d3 7d:306* 7e:30c*`);

export const BASIC_GREEK: Marc8Set = build(`
  21:300* 22:301* 23:308* 24:342* 25:313* 26:314* 27:345* 30:ab 31:bb 32:201c 33:201d 34:374 35:375
  3b:387 3f:37e 41:391 42:392 44:393 45:394 46:395 47:3da 48:3dc 49:396 4a:397 4b:398 4c:399 4d:39a
  4e:39b 4f:39c 50:39d 51:39e 52:39f 53:3a0 54:3de 55:3a1 56:3a3 58:3a4 59:3a5 5a:3a6 5b:3a7 5c:3a8
  5d:3a9 5e:3e0 61:3b1 62:3b2 63:3d0 64:3b3 65:3b4 66:3b5 67:3db 68:3dd 69:3b6 6a:3b7 6b:3b8 6c:3b9
  6d:3ba 6e:3bb 6f:3bc 70:3bd 71:3be 72:3bf 73:3c0 74:3df 75:3c1 76:3c3 77:3c2 78:3c4 79:3c5 7a:3c6
  7b:3c7 7c:3c8 7d:3c9 7e:3e1`);

export const GREEK_SYMBOLS: Marc8Set = build('61:3b1 62:3b2 63:3b3');

export const SUBSCRIPTS: Marc8Set = build(`28:208d 29:208e 2b:208a 2d:208b ${range(0x30, 0x2080, 10)}`);

export const SUPERSCRIPTS: Marc8Set = build(
  `28:207d 29:207e 2b:207a 2d:207b 30:2070 31:b9 32:b2 33:b3 ${range(0x34, 0x2074, 6)}`,
);

/** Final characters of escape sequences (ISO 2022 "F") naming the 94-character sets. */
export const SETS_BY_FINAL: ReadonlyMap<number, Marc8Set> = new Map<number, Marc8Set>([
  [0x42, BASIC_LATIN], // B
  [0x73, BASIC_LATIN], // s (technique 2: ESC s)
  [0x45, EXTENDED_LATIN], // E
  [0x32, BASIC_HEBREW], // 2
  [0x4e, BASIC_CYRILLIC], // N
  [0x51, EXTENDED_CYRILLIC], // Q
  [0x33, BASIC_ARABIC], // 3
  [0x34, EXTENDED_ARABIC], // 4
  [0x53, BASIC_GREEK], // S
  [0x67, GREEK_SYMBOLS], // g
  [0x62, SUBSCRIPTS], // b
  [0x70, SUPERSCRIPTS], // p
]);

/** C1 controls ANSEL defines (non-sort marks and joiners); they keep their meaning whatever G1 holds. */
export const C1_CONTROLS: ReadonlyMap<number, number> = new Map([
  [0x88, 0x98],
  [0x89, 0x9c],
  [0x8d, 0x200d],
  [0x8e, 0x200c],
]);
