/** Tables of the checks module (migration 0009-checks). */
export type ChecksTables = {};
