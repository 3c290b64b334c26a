// The release scope tracker before the portfolio index is first built: it says so and asks
// Jira nothing (it never searches per item), still offering the release calendar.
import { z } from 'zod';
import type { TrackerView } from '../../../src/contract/scope-tracker';
import { envelopeSchema } from '../../support/envelope';
import { startSandbox, type TestSandbox } from '../../support/sandbox';
import { VIEWER } from '../../support/lcoo-site';

let sb: TestSandbox;
beforeAll(async () => {
  sb = await startSandbox();
}, 120_000);
afterAll(() => sb?.stop());

test('an index never built: no rows, the reason, no Jira call, the next release by default', async () => {
  const out = envelopeSchema(z.unknown()).parse(await sb.host.invoke('lcoo-roadmap-page', 'tracker/load', {}, { asEmail: VIEWER }));
  if (!out.ok) throw new Error(out.error.message);
  const view = out.data as TrackerView;
  expect(view.index.state).toBe('not-built');
  expect(view.rows).toEqual([]);
  expect(view.calls.jira).toBe(0);
  expect(view.release.id).toBe(view.nextReleaseId);
  expect(view.releases.some((r) => r.shipped)).toBe(true);
  expect(view.totals.all).toEqual({ people: 0, personWeeks: 0, items: 0, deliverables: 0 });
});
