/**
 * Whether an error is a unique-index violation, on either engine: PostgreSQL's SQLSTATE 23505, SQLite's
 * "UNIQUE constraint failed". Writers that race for the same key (two publishers of one catalog item,
 * two pushes of one record) catch it to plan again or to say who was first.
 */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  return (
    e?.code === '23505' || (typeof e?.message === 'string' && e.message.includes('UNIQUE constraint failed'))
  );
}
