/** Tables of the measures module (migration 0007-measures). */
export type MeasuresTables = {};
