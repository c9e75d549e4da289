/**
 * Libraries as a select offers them: named as search results and record pages name them — with their
 * village when another library in the list has the same name ("Филиал № 5, с. Кой-Таш"), so that two
 * "Филиал № 5" can be told apart and typing a village finds its library.
 */
export interface NamedLibrary {
  id: string;
  name: string;
  settlement: string;
}

export function libraryLabel(lib: NamedLibrary, all: readonly NamedLibrary[]): string {
  const namesake = all.some((o) => o.id !== lib.id && o.name === lib.name && o.settlement !== lib.settlement);
  return namesake && lib.settlement && !lib.name.includes(lib.settlement) ? `${lib.name}, ${lib.settlement}` : lib.name;
}

export function libraryOptions(libs: readonly NamedLibrary[], within: readonly NamedLibrary[] = libs) {
  return libs.map((lib) => ({ value: lib.id, label: libraryLabel(lib, within) }));
}
