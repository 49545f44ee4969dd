/**
 * The procedures scheduler (issue 16; decision 0031): on each tick it asks every registered step
 * source for its open steps, and for each step whose deadline is today or the next working day sends
 * the party a reminder, and for each step past its deadline sends the late party a notice and the
 * city's credit office an escalation. Each (procedure, step, kind) fires once ever, across processes:
 * the firing row (unique key) and its notices commit together or not at all
 * (procedure-firings.repository.ts). `serve` ticks on an interval (startProcedureScheduler);
 * `xinyong procedures tick` runs one tick (cron-style deployments). Nothing ticks unless started.
 */
import { inChunks } from '../../platform/chunks.ts';
import { toJson } from '../../platform/db/engine.ts';
import { uuidv7 } from '../../platform/ids.ts';
import type { RowsWrittenMeta } from '../audit/index.ts';
import type { CalendarService } from '../calendar/calendar.service.ts';
import type { Insertable, Store } from '../database.ts';
import type { NotificationTable } from '../lists/lists.tables.ts';
import { firingKey, procedureFiringsRepository as repo } from './procedure-firings.repository.ts';
import {
  type Firing,
  type FiringKind,
  type FiringNotice,
  firingFor,
  noticesFor,
  partyDepartmentOf,
  type Recipients,
  type StepSource,
} from './procedure-steps.ts';

/** The step sources of a context: each procedure module registers its own, once. */
export function stepSourceRegistry() {
  const sources = new Map<string, StepSource>();
  return {
    register(source: StepSource): void {
      if (sources.has(source.procedure)) {
        throw new Error(`a step source for '${source.procedure}' is already registered`);
      }
      sources.set(source.procedure, source);
    },
    list(): StepSource[] {
      return [...sources.values()];
    },
  };
}

export type StepSourceRegistry = ReturnType<typeof stepSourceRegistry>;

export type SchedulerDeps = {
  store: Store;
  calendar: Pick<CalendarService, 'current'>;
  sources: StepSourceRegistry;
  /** the platform's own writer (system, under the policy in force) */
  rowWriter: RowsWrittenMeta;
  now: () => string;
  today: () => string;
  /** the city's credit center and credit office departments (not a county node's), read each tick */
  recipients: () => Promise<Recipients>;
};

/** What one tick did. */
export type TickReport = {
  today: string;
  /** open steps with a deadline, over every source */
  openSteps: number;
  fired: {
    kind: FiringKind;
    procedure: string;
    procedureId: string;
    step: string;
    party: string;
    partyDepartment: string;
    due: string;
    workdays: number;
    recipients: string[];
  }[];
  /** due a firing already sent (by an earlier tick, or by another process just now) */
  alreadyFired: number;
  /** of those, the ones another process fired between this tick's read and its insert */
  raced: number;
  /** due a firing no department is registered to receive: tried again on the next tick */
  unaddressed: { procedure: string; procedureId: string; step: string; party: string }[];
};

const ID_CHUNK = 500;

export function procedureScheduler(deps: SchedulerDeps) {
  const { store } = deps;

  function noticeRow(firing: Firing, notice: FiringNotice, at: string): Insertable<NotificationTable> {
    const { step } = firing;
    return {
      id: uuidv7(),
      kind: notice.kind,
      article: step.article,
      recipient_department: notice.recipient,
      subject_id: step.subjectId,
      entry_id: step.entryId,
      title: notice.title,
      body: toJson({
        ...step.refs,
        procedure: step.procedure,
        procedureId: step.procedureId,
        step: step.step,
        stepKey: step.stepKey,
        stepLabel: step.labels.step.zh,
        party: step.party,
        partyDepartment: step.partyDepartment,
        due: step.due,
        provisional: firing.provisional,
        ...(firing.kind === 'overdue'
          ? { workdaysLate: firing.workdaysLate }
          : { workdaysLeft: firing.workdaysLeft }),
        titleEn: notice.titleEn,
      }),
      created_at: at,
      status: 'pending',
      attempts: 0,
      delivered_at: null,
      read_at: null,
      read_by: null,
    };
  }

  /** One pass over every source's open steps: what is due soon or overdue and not yet fired, fires. */
  async function tick(): Promise<TickReport> {
    const today = deps.today();
    const calendar = deps.calendar.current();
    const recipients = await deps.recipients();
    const report: TickReport = { today, openSteps: 0, fired: [], alreadyFired: 0, raced: 0, unaddressed: [] };
    for (const source of deps.sources.list()) {
      const due: Firing[] = [];
      for await (const step of await source.openSteps(today)) {
        report.openSteps++;
        const firing = firingFor(step, today, calendar);
        if (firing) due.push(firing);
      }
      const fired = new Set<string>();
      for (const ids of inChunks([...new Set(due.map((f) => f.step.procedureId))], ID_CHUNK)) {
        for (const key of await repo.firedKeys(store.db, source.procedure, ids)) fired.add(key);
      }
      for (const firing of due) {
        const { step } = firing;
        if (fired.has(firingKey({ procedure_id: step.procedureId, step: step.stepKey, kind: firing.kind }))) {
          report.alreadyFired++;
          continue;
        }
        const notices = noticesFor(firing, recipients);
        const party = partyDepartmentOf(step, recipients);
        if (notices === null || party === null) {
          report.unaddressed.push({
            procedure: step.procedure,
            procedureId: step.procedureId,
            step: step.stepKey,
            party: step.party,
          });
          continue;
        }
        const at = deps.now();
        const workdays = (firing.kind === 'overdue' ? firing.workdaysLate : firing.workdaysLeft) ?? 0;
        const done = await repo.fire(
          store.db,
          {
            id: uuidv7(),
            procedure: step.procedure,
            procedure_id: step.procedureId,
            step: step.stepKey,
            kind: firing.kind,
            party: step.party,
            party_department: party,
            due_on: step.due,
            workdays,
            provisional: firing.provisional ? 1 : 0,
            fired_on: today,
            fired_at: at,
          },
          notices.map((n) => noticeRow(firing, n, at)),
          { ...deps.rowWriter, at },
          {
            action: `procedures.step_${firing.kind}`,
            targetType: step.procedure,
            targetId: step.procedureId,
            result: 'ok',
            detail: {
              step: step.stepKey,
              party: step.party,
              partyDepartment: party,
              due: step.due,
              workdays,
              recipients: notices.map((n) => n.recipient),
            },
          },
        );
        if (!done) {
          report.alreadyFired++;
          report.raced++;
          continue;
        }
        report.fired.push({
          kind: firing.kind,
          procedure: step.procedure,
          procedureId: step.procedureId,
          step: step.stepKey,
          party: step.party,
          partyDepartment: party,
          due: step.due,
          workdays,
          recipients: notices.map((n) => n.recipient),
        });
      }
    }
    return report;
  }

  return { tick };
}

export type ProcedureScheduler = ReturnType<typeof procedureScheduler>;

/**
 * Ticks now and every `seconds` (0: never), one tick at a time; `stop()` clears the interval and waits
 * for a tick in progress, so the store can be closed after it. Undefined when off.
 */
export function startProcedureScheduler(
  scheduler: Pick<ProcedureScheduler, 'tick'>,
  seconds: number,
  on: { fired?: (report: TickReport) => void; error: (error: unknown) => void },
): { stop(): Promise<void> } | undefined {
  if (seconds <= 0) return undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    running = scheduler
      .tick()
      .then((report) => {
        if (report.fired.length > 0 || report.unaddressed.length > 0) on.fired?.(report);
      })
      .catch(on.error)
      .finally(() => {
        running = undefined;
      });
  };
  tick();
  const timer = setInterval(tick, seconds * 1000);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
