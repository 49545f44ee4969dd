/**
 * Pure ranking of name-search matches: exact before prefix before partial, shorter names first, and
 * every reason a subject matched. No database, no HTTP.
 */
import type { SearchQuery } from './search-text.ts';

export const MATCH_REASONS = [
  'name_exact',
  'name_partial',
  'pinyin',
  'initials',
  'traditional',
  'former_name',
] as const;
export type MatchReason = (typeof MATCH_REASONS)[number];

const reasonOrder = (r: MatchReason) => MATCH_REASONS.indexOf(r);

/** 0 exact (the whole name, its pinyin or its initials), 1 prefix, 2 elsewhere in the name. */
export type MatchClass = 0 | 1 | 2;

export type Match = {
  subjectId: string;
  nameLength: number;
  matchClass: MatchClass;
  reasons: MatchReason[];
  /** the indexed value that matched: pinyin or initials; '' for the name (filled in by `shownMatch`) */
  matched: string;
};

/**
 * How a searchable name matches the query terms, or undefined when some term is not in it. The
 * first term decides exact and prefix; further terms only need to be somewhere in the name.
 */
export function nameMatch(
  nameNorm: string,
  query: SearchQuery,
): { matchClass: MatchClass; reasons: MatchReason[] } | undefined {
  if (!query.terms.every((term) => nameNorm.includes(term))) return undefined;
  return nameMatchClass(nameNorm.startsWith(query.terms[0]!), nameNorm === query.terms[0], query);
}

/** The class and reasons of a name match from where the first term was found. */
export function nameMatchClass(
  atStart: boolean,
  whole: boolean,
  query: SearchQuery,
): { matchClass: MatchClass; reasons: MatchReason[] } {
  const traditional: MatchReason[] = query.traditional ? ['traditional'] : [];
  if (whole && query.terms.length === 1) return { matchClass: 0, reasons: ['name_exact', ...traditional] };
  return { matchClass: atStart ? 1 : 2, reasons: ['name_partial', ...traditional] };
}

/**
 * The reasons and matched value shown for a match, once the registered name's searchable form is
 * known: a name match shows that form, and says 'traditional' when the name was registered so.
 */
export function shownMatch(
  match: Match,
  registered: { nameNorm: string; traditional: boolean },
): { matchedBy: MatchReason[]; matched: string } {
  const byName = match.reasons.includes('name_exact') || match.reasons.includes('name_partial');
  const reasons = new Set<MatchReason>(match.reasons);
  if (byName && registered.traditional) reasons.add('traditional');
  return {
    matchedBy: [...reasons].sort((a, b) => reasonOrder(a) - reasonOrder(b)),
    matched: match.matched || registered.nameNorm,
  };
}

/** How a pinyin or initials key matches a Latin query, or undefined. */
export function keyMatch(key: string, query: string): MatchClass | undefined {
  if (key === query) return 0;
  return key.startsWith(query) ? 1 : undefined;
}

/**
 * One entry per subject (its best class, the value of its best match, all its reasons), ranked by
 * class, then name length, then subject id (registration order, as the index returns ties).
 */
export function rankMatches(matches: readonly Match[], limit: number): Match[] {
  const bySubject = new Map<string, Match>();
  for (const match of matches) {
    const known = bySubject.get(match.subjectId);
    if (!known) {
      bySubject.set(match.subjectId, { ...match, reasons: [...match.reasons] });
      continue;
    }
    const reasons = [...new Set([...known.reasons, ...match.reasons])];
    const best = match.matchClass < known.matchClass ? match : known;
    bySubject.set(match.subjectId, { ...best, reasons });
  }
  const ranked = [...bySubject.values()].sort(
    (a, b) =>
      a.matchClass - b.matchClass ||
      a.nameLength - b.nameLength ||
      (a.subjectId < b.subjectId ? -1 : a.subjectId > b.subjectId ? 1 : 0),
  );
  for (const match of ranked) match.reasons.sort((a, b) => reasonOrder(a) - reasonOrder(b));
  return ranked.slice(0, limit);
}
