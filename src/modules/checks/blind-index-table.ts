/**
 * The table the check index keeps in memory (check-index.service.ts): every registered subject under
 * its blind index (the keyed HMAC of its code, decision 0003), with its active list entries. Pure: no
 * database here.
 *
 * A subject without active entries is its name (and a byte for its kind) under its blind index (32
 * bytes in one array); a subject with entries is an object with its id and entries (repeated texts
 * interned by the loader). Memory at a million subjects: docs/PERFORMANCE.md.
 */
export type IndexedEntry = {
  id: string;
  listType: string;
  polarity: 'red' | 'black' | 'watch';
  itemCode: string;
  origin: 'listed' | 'associated';
  relationRole: string | null;
  ground: string | null;
  severity: string | null;
  identifiedOn: string;
  validUntil: string | null;
  validityEndsOn: string | null;
  providerDepartment: string;
  /** 'objection' | 'repair_notice' while such a procedure runs on the entry */
  procedure: 'objection' | 'repair_notice' | null;
};

export type IndexedSubject = {
  id: string | null;
  kind: 'person' | 'organization';
  name: string;
  entries: readonly IndexedEntry[];
};

export type ListedSlot = IndexedSubject & { id: string };
/** The name alone for a subject without active entries (its kind is kept beside it); the object otherwise. */
export type Slot = string | ListedSlot;

const NO_ENTRIES: readonly IndexedEntry[] = Object.freeze([]);
const PERSON = 1;
const ORGANIZATION = 2;

/** Hex digit values by character code (lowercase only, as the sealer writes blind indexes); 255 elsewhere. */
const HEX_VALUE = (() => {
  const table = new Uint8Array(128).fill(255);
  for (let i = 0; i < 16; i++) table['0123456789abcdef'.charCodeAt(i)] = i;
  return table;
})();
const INDEX_BYTES = 32;

/**
 * Blind index → slot, by open addressing over a typed array: the hash is the blind index's first 32
 * bits (an HMAC output, so uniform), the probe compares all 32 bytes. A Map of a million 64-character
 * keys cost several times more a lookup, and the indexes kept as a million strings were heap for the
 * collector to walk (figures: docs/PERFORMANCE.md, decision 0011); here they are bytes, 32 an entry
 * in one array, and the table is 4 bytes a place. Nothing is ever deleted: a subject's slot is
 * replaced, and a full reload builds a new table.
 */
export class BlindIndexTable {
  private bytes = new Uint8Array(1024 * INDEX_BYTES);
  private count = 0;
  slots: Slot[] = [];
  /** PERSON or ORGANIZATION per entry: a byte, where a kind letter on each name cost a string each */
  kinds = new Uint8Array(1024);
  places: Int32Array;
  mask: number;

  constructor(expected: number) {
    let capacity = 1024;
    while (capacity < expected * 2) capacity *= 2;
    this.places = new Int32Array(capacity);
    this.mask = capacity - 1;
  }

  get size(): number {
    return this.count;
  }

  /** True when entry `index` holds the blind index `key` (64 lowercase hex characters; anything else holds nowhere). */
  private holds(index: number, key: string): boolean {
    if (key.length !== 2 * INDEX_BYTES) return false;
    const bytes = this.bytes;
    const base = index * INDEX_BYTES;
    for (let j = 0; j < INDEX_BYTES; j++) {
      const hi = key.charCodeAt(2 * j);
      const lo = key.charCodeAt(2 * j + 1);
      if (hi >= 128 || lo >= 128) return false;
      // An invalid character is 255: its value never equals a byte.
      if (HEX_VALUE[hi]! * 16 + HEX_VALUE[lo]! !== bytes[base + j]) return false;
    }
    return true;
  }

  /** The place of `key`: its entry's index + 1 there, or 0 where it would go. */
  private probe(key: string): number {
    let place = Number.parseInt(key.slice(0, 8), 16) & this.mask;
    for (;;) {
      const at = this.places[place]!;
      if (at === 0 || this.holds(at - 1, key)) return place;
      place = (place + 1) & this.mask;
    }
  }

  get(key: string): IndexedSubject | undefined {
    const at = this.places[this.probe(key)]!;
    if (at === 0) return undefined;
    const slot = this.slots[at - 1]!;
    if (typeof slot !== 'string') return slot;
    return {
      id: null,
      kind: this.kinds[at - 1] === PERSON ? 'person' : 'organization',
      name: slot,
      entries: NO_ENTRIES,
    };
  }

  /**
   * Stores the subject's slot; the slot it replaces, if any. A blind index that is not 64 lowercase hex
   * characters is not stored: no lookup could ever find it.
   */
  set(key: string, kind: 'person' | 'organization', slot: Slot): Slot | undefined {
    if (!/^[0-9a-f]{64}$/.test(key)) return undefined;
    const place = this.probe(key);
    const at = this.places[place]!;
    if (at !== 0) {
      const before = this.slots[at - 1];
      this.slots[at - 1] = slot;
      this.kinds[at - 1] = kind === 'person' ? PERSON : ORGANIZATION;
      return before;
    }
    const index = this.count;
    if (index === this.kinds.length) {
      const kinds = new Uint8Array(this.kinds.length * 2);
      kinds.set(this.kinds);
      this.kinds = kinds;
      const bytes = new Uint8Array(this.bytes.length * 2);
      bytes.set(this.bytes);
      this.bytes = bytes;
    }
    const base = index * INDEX_BYTES;
    for (let j = 0; j < INDEX_BYTES; j++) {
      this.bytes[base + j] = HEX_VALUE[key.charCodeAt(2 * j)]! * 16 + HEX_VALUE[key.charCodeAt(2 * j + 1)]!;
    }
    this.count++;
    this.slots.push(slot);
    this.kinds[index] = kind === 'person' ? PERSON : ORGANIZATION;
    this.places[place] = index + 1;
    if (this.count * 2 > this.places.length) this.grow();
    return undefined;
  }

  private grow(): void {
    this.places = new Int32Array(this.places.length * 2);
    this.mask = this.places.length - 1;
    const bytes = this.bytes;
    for (let i = 0; i < this.count; i++) {
      const b = i * INDEX_BYTES;
      // The blind index's first 32 bits, as probe reads them from its first eight hex characters.
      let place =
        ((bytes[b]! << 24) | (bytes[b + 1]! << 16) | (bytes[b + 2]! << 8) | bytes[b + 3]!) & this.mask;
      while (this.places[place] !== 0) place = (place + 1) & this.mask;
      this.places[place] = i + 1;
    }
  }
}
