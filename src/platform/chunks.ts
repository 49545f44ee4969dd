/**
 * A list cut into consecutive pieces of at most `size` items: IN lists and multi-row INSERTs stay
 * inside the engines' bind-parameter limits, and large reads go page by page. Empty in, empty out.
 */
export function inChunks<T>(values: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError(`chunk size must be a positive integer, got ${size}`);
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  return out;
}
