/**
 * The procedures scheduler over stored objections (issue 16; A16–A17, B29; decision 0031), on both
 * engines: a reminder the working day before a step's deadline, an escalation to the credit office once
 * it has passed, each fired once however often and by however many schedulers it ticks — and, on
 * PostgreSQL, by two server processes ticking at the same moment over the same overdue steps.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';
import { openStore } from '../../platform/db/database.ts';
import { fromJson } from '../../platform/db/engine.ts';
import type { TestApp } from '../../testing/app.ts';
import { describeEachEngine } from '../../testing/engines.ts';
import type { Actor } from '../access/actor.ts';
import { verifyAudit } from '../audit/audit.service.ts';
import type { Store } from '../database.ts';
import {
  blackOrg,
  type DemoSubject,
  demoSubjects,
  listsTestApp,
  push,
  setClock,
} from '../lists/test-support.ts';
import { procedureFiringsRepository } from './procedure-firings.repository.ts';
import {
  procedureScheduler,
  startProcedureScheduler,
  type TickReport,
} from './procedure-scheduler.service.ts';

const WORKER = path.resolve(import.meta.dirname, '../../testing/procedure-tick-worker.fixture.ts');

const center: Actor = {
  kind: 'account',
  accountId: 'center-staff',
  login: 'demo.center',
  role: 'center_staff',
  departmentCode: 'HA-XYZX',
  regionCode: null,
  subjectId: null,
  sessionId: 'test',
};

describeEachEngine('procedures scheduler: reminders and escalations (A16–A17, B29)', (getStore, engine) => {
  let t: TestApp;
  let companies: DemoSubject[];
  let n = 0;

  before(async () => {
    setClock('2026-11-26T02:00:00.000Z');
    t = await listsTestApp(getStore(), { persons: 4, organizations: 12 });
    companies = await demoSubjects(t, 'organization');
  });
  after(() => t.close());

  /** A company's black listing and an objection the center files for it at a window (today). */
  async function objection(company: DemoSubject) {
    const pushed = await push(t, 'HA-GSJ', [blackOrg(`SCH-${++n}`, company)]);
    assert.equal(pushed.results[0]!.outcome, 'created', JSON.stringify(pushed.results[0]));
    return t.ctx.objections.file(
      { kind: 'operator', name: 'test' },
      { recordId: pushed.results[0]!.recordId!, ground: 'wrong_or_incomplete', explanation: '认定对象有误' },
      { subjectId: company.id, purpose: '窗口受理信用异议' },
    );
  }
  const mine = (report: TickReport, id: string) =>
    report.fired
      .filter((f) => f.procedureId === id)
      .map((f) => [f.step, f.kind, f.due, f.workdays, f.recipients]);
  const notices = async (id: string) =>
    (
      await t.ctx.store.db
        .selectFrom('notifications')
        .select(['recipient_department', 'kind', 'title', 'body', 'article'])
        .where('kind', 'like', 'procedure.%')
        .orderBy('created_at')
        .orderBy('id')
        .execute()
    )
      .map((r) => ({ ...r, body: fromJson<Record<string, unknown>>(r.body) }))
      .filter((r) => r.body.procedureId === id);

  it('A16, B29: the provider is reminded the working day before its verification is due, once however often the scheduler ticks', async () => {
    const filed = await objection(companies[0]!);
    // filed Thursday 2026-11-26; verification asked the same day: 5 working days → Thursday 12-03
    const asked = await t.ctx.objections.act(center, filed.id, { kind: 'verification_requested' });
    assert.deepEqual(
      asked.steps.map((s) => [s.step, s.due]),
      [
        ['review', '2026-12-10'],
        ['verification', '2026-12-03'],
      ],
    );
    assert.deepEqual(mine(await t.ctx.scheduler.tick(), filed.id), [], 'nothing due yet');
    setClock('2026-12-01T02:00:00.000Z');
    assert.deepEqual(mine(await t.ctx.scheduler.tick(), filed.id), [], 'two working days left');
    setClock('2026-12-02T02:00:00.000Z');
    assert.deepEqual(mine(await t.ctx.scheduler.tick(), filed.id), [
      ['verification', 'due_soon', '2026-12-03', 1, ['HA-GSJ']],
    ]);
    const again = await t.ctx.scheduler.tick();
    assert.deepEqual(mine(again, filed.id), [], 'ticking again fires nothing new');
    assert.ok(again.alreadyFired >= 1);
    setClock('2026-12-03T02:00:00.000Z');
    assert.deepEqual(mine(await t.ctx.scheduler.tick(), filed.id), [], 'due today: reminded already');
    const sent = await notices(filed.id);
    assert.deepEqual(
      sent.map((x) => [x.recipient_department, x.kind, x.article]),
      [['HA-GSJ', 'procedure.due_soon', 'A16, B29']],
    );
    assert.match(sent[0]!.title, /提醒：异议处理“核实”步骤将于下一个工作日 2026-12-03 到期/);
    assert.deepEqual(
      [sent[0]!.body.objectionId, sent[0]!.body.step, sent[0]!.body.workdaysLeft],
      [filed.id, 'verification', 1],
    );
  });

  it('A16–A17, B29: an overdue verification is escalated once to the credit office, naming procedure, step, party, deadline and working days late, and the provider is told; the center is reminded of its review', async () => {
    const [filed] = (await t.ctx.store.db.selectFrom('objections').select('id').execute()).map((r) => r.id);
    // Monday 2026-12-07: 12-04 and 12-07 have passed since the deadline
    setClock('2026-12-07T02:00:00.000Z');
    const report = await t.ctx.scheduler.tick();
    assert.deepEqual(mine(report, filed!), [
      ['verification', 'overdue', '2026-12-03', 2, ['HA-GSJ', 'HA-XYB']],
    ]);
    assert.deepEqual(mine(await t.ctx.scheduler.tick(), filed!), [], 'ticking twice fires nothing new');
    const sent = (await notices(filed!)).filter((x) => x.kind !== 'procedure.due_soon');
    assert.deepEqual(
      sent.map((x) => [x.recipient_department, x.kind]),
      [
        ['HA-GSJ', 'procedure.overdue'],
        ['HA-XYB', 'procedure.escalated'],
      ],
    );
    const escalation = sent[1]!;
    assert.equal(
      escalation.title,
      '超期督办：异议处理“核实”步骤应由信息提供单位（HA-GSJ）办理，已于 2026-12-03 到期，超过 2 个工作日，仍未办理（A16, B29）',
    );
    assert.deepEqual(
      [
        escalation.body.procedure,
        escalation.body.step,
        escalation.body.party,
        escalation.body.due,
        escalation.body.workdaysLate,
      ],
      ['objection', 'verification', 'provider', '2026-12-03', 2],
    );
    // the office reads it in its inbox
    const inbox = await t.ctx.lists.inbox('HA-XYB', { limit: 50 });
    assert.ok(inbox.some((x) => x.kind === 'procedure.escalated' && x.body.objectionId === filed));

    // Wednesday 12-09: the review (the center's, due 12-10) is reminded to the credit center
    setClock('2026-12-09T02:00:00.000Z');
    assert.deepEqual(mine(await t.ctx.scheduler.tick(), filed!), [
      ['review', 'due_soon', '2026-12-10', 1, ['HA-XYZX']],
    ]);
    assert.deepEqual(
      (await procedureFiringsRepository.ofProcedure(t.ctx.store.db, filed!)).map((f) => [
        f.step,
        f.kind,
        f.party_department,
      ]),
      [
        ['verification', 'due_soon', 'HA-GSJ'],
        ['verification', 'overdue', 'HA-GSJ'],
        ['review', 'due_soon', 'HA-XYZX'],
      ],
    );
    const audit = await verifyAudit(getStore());
    assert.deepEqual([audit.breaks, audit.rowProblems], [[], []]);
  });

  it('A16: a firing whose key is taken inserts nothing — neither the row nor its notices nor an audit entry', async () => {
    const [filed] = (await t.ctx.store.db.selectFrom('objections').select('id').execute()).map((r) => r.id);
    const counts = async () =>
      Promise.all(
        (['procedure_firings', 'notifications', 'audit_entries'] as const).map(async (table) =>
          Number(
            (
              await t.ctx.store.db
                .selectFrom(table)
                .select((eb) => eb.fn.countAll().as('n'))
                .executeTakeFirstOrThrow()
            ).n,
          ),
        ),
      );
    const before = await counts();
    const at = t.ctx.now();
    const taken = await procedureFiringsRepository.fire(
      t.ctx.store.db,
      {
        id: '01930000-0000-7000-8000-00000000f001',
        procedure: 'objection',
        procedure_id: filed!,
        step: 'verification',
        kind: 'overdue',
        party: 'provider',
        party_department: 'HA-GSJ',
        due_on: '2026-12-03',
        workdays: 2,
        provisional: 0,
        fired_on: t.ctx.today(),
        fired_at: at,
      },
      [],
      { ...t.ctx.rowWriter, at },
      { action: 'procedures.step_overdue', targetType: 'objection', targetId: filed!, result: 'ok' },
    );
    assert.equal(taken, false);
    assert.deepEqual(await counts(), before);
  });

  it('A16: two schedulers with their own connections ticking at once over the same overdue steps fire each once', async () => {
    setClock('2026-12-10T02:00:00.000Z');
    const filed = [
      await objection(companies[1]!),
      await objection(companies[2]!),
      await objection(companies[3]!),
    ];
    // 12-25, 12-28 … 12-31: five working days after the review's deadline
    setClock('2026-12-31T02:00:00.000Z');
    const store = getStore();
    const own = store.capabilities.concurrentWriters;
    const other: Store = own ? openStore(store.url) : store;
    try {
      const second = procedureScheduler({
        store: other,
        calendar: t.ctx.calendar,
        sources: t.ctx.stepSources,
        rowWriter: t.ctx.rowWriter,
        now: t.ctx.now,
        today: t.ctx.today,
        recipients: async () => ({ center: 'HA-XYZX', creditOffice: 'HA-XYB' }),
      });
      const reports = await Promise.all([t.ctx.scheduler.tick(), second.tick()]);
      for (const o of filed) {
        assert.deepEqual(
          reports.flatMap((r) => mine(r, o.id)),
          [['review', 'overdue', '2026-12-24', 5, ['HA-XYZX', 'HA-XYB']]],
          'one of the two fired it',
        );
      }
    } finally {
      if (own) await other.close();
    }
  });

  // Several server processes share PostgreSQL (SQLite has one writer at a time, decision 0016): the
  // test is registered on PostgreSQL only, rather than skipped on SQLite (CI runs no skipped suite).
  if (engine === 'postgres')
    it('A16: two server processes on one PostgreSQL, ticking at the same moment over the same overdue steps, fire each step once', {
      timeout: 120_000,
    }, async () => {
      const store = getStore();
      setClock('2026-12-14T02:00:00.000Z');
      const filed: { id: string }[] = [];
      for (const c of companies.slice(4, 10)) filed.push(await objection(c));
      const instant = '2026-12-31T02:00:00.000Z';
      const children = [0, 1].map(() =>
        spawn(process.execPath, [WORKER, store.url, instant], { stdio: ['pipe', 'pipe', 'inherit'] }),
      );
      const outputs = children.map((child) => lines(child));
      // both ready, then both told to go at once
      for (const out of outputs) assert.equal(await out.next(), 'ready');
      for (const child of children) child.stdin!.end('go\n');
      const reports = (await Promise.all(outputs.map((out) => out.next()))).map(
        (l) => JSON.parse(l) as TickReport,
      );
      await Promise.all(children.map(exited));
      // each process saw every step: it fired it, or found it fired (before its insert, or raced to it)
      for (const r of reports) {
        const ids = new Set(filed.map((o) => o.id));
        assert.equal(
          r.fired.filter((f) => ids.has(f.procedureId)).length + r.alreadyFired >= filed.length,
          true,
        );
      }
      // 2026-12-14 + 10 working days = 12-28; 12-31 is 3 working days later
      for (const o of filed) {
        assert.deepEqual(
          reports.flatMap((r) => mine(r, o.id)),
          [['review', 'overdue', '2026-12-28', 3, ['HA-XYZX', 'HA-XYB']]],
          `${o.id}: fired by exactly one process`,
        );
        assert.deepEqual(
          (await notices(o.id)).map((x) => [x.recipient_department, x.kind]),
          [
            ['HA-XYZX', 'procedure.overdue'],
            ['HA-XYB', 'procedure.escalated'],
          ],
        );
      }
      const keys = await store.db
        .selectFrom('procedure_firings')
        .select(['procedure_id', 'step', 'kind', (eb) => eb.fn.countAll().as('n')])
        .groupBy(['procedure_id', 'step', 'kind'])
        .execute();
      assert.ok(keys.every((k) => Number(k.n) === 1));
      const audit = await verifyAudit(store);
      assert.deepEqual([audit.breaks, audit.rowProblems], [[], []]);
    });
});

describe('procedures scheduler in serve (decision 0031)', () => {
  it('A16: off at 0 seconds; started, it ticks at once, one tick at a time, and stop() waits for the tick in progress', async () => {
    let ticks = 0;
    let release!: () => void;
    const scheduler = {
      tick: () =>
        new Promise<TickReport>((resolve) => {
          ticks++;
          release = () =>
            resolve({
              today: '2026-12-01',
              openSteps: 0,
              fired: [],
              alreadyFired: 0,
              raced: 0,
              unaddressed: [],
            });
        }),
    };
    const errors: unknown[] = [];
    assert.equal(startProcedureScheduler(scheduler, 0, { error: (e) => errors.push(e) }), undefined);
    assert.equal(ticks, 0);
    const running = startProcedureScheduler(scheduler, 3600, { error: (e) => errors.push(e) })!;
    assert.equal(ticks, 1, 'the first tick at start');
    let stopped = false;
    const stopping = running.stop().then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(stopped, false, 'waits for the tick in progress');
    release();
    await stopping;
    assert.deepEqual([stopped, ticks, errors], [true, 1, []]);
  });
});

/** A child's stdout, a line at a time. */
function lines(child: ChildProcess) {
  const it = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  return {
    async next(): Promise<string> {
      const { value, done } = await it.next();
      if (done) throw new Error('the worker ended without answering');
      return value as string;
    },
  };
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    if (child.exitCode !== null) {
      if (child.exitCode === 0) resolve();
      else reject(new Error(`worker exited ${child.exitCode}`));
      return;
    }
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker exited ${code}`))));
  });
}
