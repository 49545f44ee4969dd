/**
 * The fields of list items the platform itself reads (A5/A6, A12): the listing ground and the removal
 * date the identifying unit set. Read here once for the lists module (entries, checks) and the records
 * module (the currency of a row as it arrives; what a correction weakens, W3). Pure.
 */

/** A12: the removal date field of the list items (`validUntil`). */
export const REMOVAL_FIELD = 'validUntil';

/** A5/A6: the fields that state a list item's ground, in the order they are read. */
export const GROUND_FIELDS = ['dishonestyType', 'ground'] as const;

/** The A5/A6 ground as a coded value: the catalog's choices start with it, e.g. `A6(7) 有履行能力…`. */
export function groundOf(fields: Readonly<Record<string, unknown>>): string | null {
  const value = fields[GROUND_FIELDS[0]] ?? fields[GROUND_FIELDS[1]];
  if (typeof value !== 'string') return null;
  const coded = /^([A-Z]\d+\(\d+\))/.exec(value);
  return coded ? coded[1]! : value;
}

/** A12: the removal date the identifying unit set, or null where none is set. */
export function validUntilOf(fields: Readonly<Record<string, unknown>>): string | null {
  const value = fields[REMOVAL_FIELD];
  return typeof value === 'string' && value !== '' ? value : null;
}
