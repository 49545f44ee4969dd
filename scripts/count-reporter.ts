/**
 * A node:test reporter that only counts: tests passed, failed, skipped (suites are not counted, a
 * skipped suite counts once). scripts/test.ts prints the totals as the closing `N passed, N failed` line.
 */
type TestEvent = {
  type: string;
  data: {
    details?: { type?: string | undefined; error?: { failureType?: string } | undefined };
    skip?: unknown;
    todo?: unknown;
    nesting?: number;
  };
};

export default async function* countReporter(source: AsyncIterable<TestEvent>): AsyncGenerator<string> {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for await (const event of source) {
    const isSuite = event.data.details?.type === 'suite';
    if (event.type === 'test:pass') {
      if (event.data.skip !== undefined || event.data.todo !== undefined) skipped++;
      else if (!isSuite) passed++;
    } else if (event.type === 'test:fail') {
      // A suite that failed on its own (e.g. its `before` hook threw) counts once; a suite that failed
      // only because a test inside it failed is not counted again.
      if (!isSuite || event.data.details?.error?.failureType !== 'subtestsFailed') failed++;
    }
  }
  yield `${JSON.stringify({ passed, failed, skipped })}\n`;
}
