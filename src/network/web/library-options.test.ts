import { describe, expect, it } from 'vitest';
import { libraryOptions } from './library-options';

describe('libraries as a select offers them', () => {
  it('names a library with its village only where another library has the same name', () => {
    const libs = [
      { id: '1', name: 'Филиал № 5', settlement: 'с. Алмалуу' },
      { id: '2', name: 'Филиал № 5', settlement: 'с. Кой-Таш' },
      { id: '3', name: 'Филиал № 6', settlement: 'с. Кой-Таш' },
      { id: '4', name: 'Кеминская ЦБС, с. Кемин', settlement: 'с. Кемин' },
      { id: '5', name: 'Кеминская ЦБС, с. Кемин', settlement: 'с. Тогуз-Булак' },
    ];
    expect(libraryOptions(libs).map((o) => o.label)).toEqual([
      'Филиал № 5, с. Алмалуу',
      'Филиал № 5, с. Кой-Таш',
      'Филиал № 6',
      'Кеминская ЦБС, с. Кемин',
      'Кеминская ЦБС, с. Кемин, с. Тогуз-Булак',
    ]);
  });
});
