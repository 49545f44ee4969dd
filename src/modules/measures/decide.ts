/**
 * The decision rule of a credit check (B19, B22, C §5(2)): given a subject's active list entries, the
 * measures catalog and the business scenario, which measures apply and what the clerk's system does.
 * Pure: the check API, the CLI and reports share it. The rule is written out in README.md.
 */
import { compareMeasures, groundArticle, type Measure, type MeasureTarget } from './measures.ts';

export type EntryForDecision = {
  listType: string;
  polarity: 'red' | 'black' | 'watch';
  /** 'associated': B26, a person tied to a severely dishonest organization's entry */
  origin: 'listed' | 'associated';
  subjectKind: 'person' | 'organization';
  /** the entry's A5/A6 ground as the catalog codes it ('A6(7) …'); needed by ground-limited measures */
  ground?: string | null | undefined;
  /** the entry's severity (B15); needed by severity-limited measures (A14(11): 严重 only) */
  severity?: string | null | undefined;
};

export type Decision = 'block' | 'warn' | 'favor' | 'none';

export type DecisionResult = {
  decision: Decision;
  /** the measures that apply, each once, by severity of effect (block first) then code */
  measures: Measure[];
};

const TARGET_OF_ORIGIN: Record<EntryForDecision['origin'], MeasureTarget> = {
  listed: 'subject',
  associated: 'responsible_person',
};

function applies(measure: Measure, entry: EntryForDecision, scenario: string): boolean {
  if (!measure.active) return false;
  if (!measure.listTypes.includes(entry.listType)) return false;
  if (!measure.scenarios.includes(scenario)) return false;
  if (!measure.appliesTo.includes(TARGET_OF_ORIGIN[entry.origin])) return false;
  if (!measure.subjectKinds.includes(entry.subjectKind)) return false;
  // A ground-limited measure (A14(12): judgment debtors only) needs the entry's ground to be one of them.
  if (measure.grounds.length > 0) {
    if (!entry.ground || !measure.grounds.includes(groundArticle(entry.ground))) return false;
  }
  // A severity-limited measure (A14(11): the honours of 严重失信主体) needs the entry's severity.
  if (measure.severities.length > 0) {
    if (!entry.severity || !measure.severities.includes(entry.severity)) return false;
  }
  return true;
}

export function decide(
  entries: readonly EntryForDecision[],
  measures: readonly Measure[],
  scenario: string,
): DecisionResult {
  const hasBlack = entries.some((e) => e.polarity === 'black');
  const hasWarning = entries.some((e) => e.polarity === 'black' || e.polarity === 'watch');
  // A4 spirit: black wins. While a black entry exists, red entries earn no incentive.
  const counted = hasBlack ? entries.filter((e) => e.polarity !== 'red') : entries;

  const applying = new Map<string, Measure>();
  for (const entry of counted) {
    for (const measure of measures) {
      if (!applying.has(measure.code) && applies(measure, entry, scenario)) {
        applying.set(measure.code, measure);
      }
    }
  }
  const result = [...applying.values()].sort(compareMeasures);
  const effects = new Set(result.map((m) => m.effect));
  const hasRed = counted.some((e) => e.polarity === 'red');

  let decision: Decision = 'none';
  if (effects.has('block')) decision = 'block';
  // A black or watch entry always reaches the clerk, even where no measure names this scenario.
  else if (hasWarning || effects.has('restrict') || effects.has('warn')) decision = 'warn';
  else if (hasRed && effects.has('favor')) decision = 'favor';
  return { decision, measures: result };
}
