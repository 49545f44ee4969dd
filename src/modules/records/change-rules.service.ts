/**
 * Issue 15 W3 (A20, B33), inside intake's plan: every new version is compared with the stored one (a
 * record's subject never changes), a new version of a negative item is judged for what it weakens or
 * takes back of a decision, and a named change basis must exist, be this record's, be ready and be
 * unused. Batches of new records naming no basis (the bulk of intake) cost nothing here.
 */
import { type CatalogItemVersion, columnsOf } from '../catalog/index.ts';
import type { Db } from '../database.ts';
import type { AcceptedRow, IntakeDeps } from './intake.types.ts';
import { isWrite, type Planned } from './intake-plan.ts';
import {
  type ComparableVersion,
  type ItemShape,
  judgeChange,
  type Weakening,
  weakeningsOf,
} from './record-change.ts';
import { validityEndsOn } from './records.content.ts';
import * as E from './records.errors.ts';
import type { RecordsRepository } from './records.repository.ts';

/** The item as the comparison sees it, and its column labels (cached per item version object). */
const shapes = new WeakMap<CatalogItemVersion, { shape: ItemShape; labels: Map<string, string> }>();
function shapeOf(item: CatalogItemVersion) {
  let found = shapes.get(item);
  if (!found) {
    found = {
      shape: {
        listed: item.listType !== null,
        keys: new Set(item.fields.map((f) => f.key)),
        numeric: new Set(
          item.fields.filter((f) => f.type === 'integer' || f.type === 'decimal').map((f) => f.key),
        ),
      },
      labels: new Map(columnsOf(item).map((c) => [c.target, c.label])),
    };
    shapes.set(item, found);
  }
  return found;
}

export async function withChangeRules(
  trx: Db,
  deps: Pick<IntakeDeps, 'policy' | 'changeBases'>,
  repository: RecordsRepository,
  accepted: readonly AcceptedRow[],
  plan: Planned[],
): Promise<Planned[]> {
  const judged: number[] = [];
  accepted.forEach((a, i) => {
    const p = plan[i]!;
    if (isWrite(p) && (a.row.changeBasis !== null || a.row.withdrawn || p.outcome === 'new_version')) {
      judged.push(i);
    }
  });
  if (judged.length === 0) return plan;
  const previousIds: string[] = [];
  const basisIds = new Set<string>();
  for (const i of judged) {
    const p = plan[i]!;
    if (p.outcome === 'new_version') previousIds.push(p.previousId);
    const basis = accepted[i]!.row.changeBasis;
    if (basis !== null) basisIds.add(basis);
  }
  const previous = previousIds.length > 0 ? await repository.comparableVersions(trx, previousIds) : new Map();
  const bases =
    basisIds.size > 0 && deps.changeBases ? await deps.changeBases(trx, [...basisIds]) : new Map();
  const used = basisIds.size > 0 ? await repository.versionsNamingBases(trx, [...basisIds]) : new Map();
  const out = [...plan];
  for (const i of judged) {
    const a = accepted[i]!;
    const p = plan[i] as Extract<Planned, { outcome: 'created' | 'new_version' }>;
    let weakenings: Weakening[] = [];
    let undoes: Weakening[] = [];
    if (p.outcome === 'created' && a.row.withdrawn) {
      out[i] = { ...p, outcome: 'refused', errors: [E.withdrawalNotForNew()] };
      continue;
    }
    if (p.outcome === 'new_version') {
      const before: ComparableVersion | undefined = previous.get(p.previousId);
      if (!before) throw new Error(`the stored version ${p.previousId} was not found`);
      if (before.withdrawn) {
        out[i] = { ...p, outcome: 'refused', errors: [E.recordWithdrawn()] };
        continue;
      }
      if (before.subjectIndex !== a.subjectIndex) {
        out[i] = { ...p, outcome: 'refused', errors: [E.subjectChanged()] };
        continue;
      }
      if (a.item.category === 'negative') {
        const { shape, labels } = shapeOf(a.item);
        const next: ComparableVersion = {
          subjectIndex: a.subjectIndex,
          severity: a.row.severity,
          identifiedOn: a.row.identifiedOn,
          validityEndsOn: validityEndsOn(deps.policy, a.item, a.row),
          fields: a.row.fields,
          withdrawn: a.row.withdrawn,
        };
        weakenings = weakeningsOf(before, next, shape);
        // What this version takes back of a decision-backed one: the same comparison in reverse.
        if (before.changeBasisId) undoes = weakeningsOf(next, before, shape);
        const labelOf = (field: string) => labels.get(field);
        if (a.row.changeBasis === null && (weakenings.length > 0 || undoes.length > 0)) {
          out[i] = {
            ...p,
            outcome: 'refused',
            errors: [
              weakenings.length > 0
                ? E.weakeningNeedsBasis(weakenings, labelOf)
                : E.decisionUndone(undoes, labelOf),
            ],
          };
          continue;
        }
      }
    }
    const basisId = a.row.changeBasis;
    const errors = judgeChange({
      outcome: p.outcome,
      recordKey: p.recordKey,
      basisId,
      basis: basisId === null ? undefined : bases.get(basisId),
      basisUsedBy: basisId === null ? undefined : used.get(basisId),
      weakenings,
      undoes,
    });
    if (errors.length > 0) out[i] = { ...p, outcome: 'refused', errors };
    else if (basisId !== null && p.outcome === 'new_version') {
      out[i] = { ...p, changeBasis: { kind: bases.get(basisId)!.kind, id: basisId } };
    }
  }
  return out;
}
