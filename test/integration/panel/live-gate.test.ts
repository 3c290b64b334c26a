// The panel's live check (src/contract/live-gate.ts, run in the browser on the draft) against the
// server: for the same content, the readiness, the checklist and the refused fields it shows
// before Save are what the server answers after it.
import type { PanelData } from '../../../src/contract/panel';
import { liveCheck } from '../../../src/contract/live-gate';
import { FST_LEAD, completeVetting, startLcooSite, type LcooSite } from '../../support/lcoo-site';

jest.setTimeout(120_000);

let p: LcooSite;
beforeAll(async () => {
  p = await startLcooSite();
});
afterAll(async () => {
  await p?.stop();
});

/** What the browser shows for `input` on top of `before`, and what the server answers once it is saved. */
async function bothSides(key: string, before: PanelData, input: Record<string, unknown>) {
  const live = liveCheck(before, input, Date.now());
  const saved = await p.ok('vetting/save', { revision: before.vetting?.revision ?? null, vetting: input }, FST_LEAD, key);
  return { live, saved };
}

test('the live readiness and checklist of a draft are what the server answers after saving it', async () => {
  const key = await p.createIssue('Roadmap Item', 'Live agreement');
  const empty = await p.ok('panel/load', {}, FST_LEAD, key);
  expect(empty.readinessBasis?.path.length).toBeGreaterThan(0);

  const partial = completeVetting();
  delete partial.size;
  delete partial.valueToCommunity;
  const first = await bothSides(key, empty, partial);
  expect(first.live.fieldErrors).toEqual({});
  expect(first.live.checklist).toEqual(first.saved.checklist);
  expect(first.live.readiness).toEqual(first.saved.readiness[0]);

  // Move the item on, so the next gate (Prioritized) needs all 12 answers and the approvals.
  await p.transition(key, 'Being Vetted / Groomed');
  const moved = await p.ok('panel/load', {}, FST_LEAD, key);
  expect(moved.readiness[0]?.targetName).toBe('Prioritized');
  const second = await bothSides(key, moved, completeVetting());
  expect(second.live.checklist).toEqual(second.saved.checklist);
  expect(second.live.readiness).toEqual(second.saved.readiness[0]);
  expect(second.live.readiness?.pass).toBe(false);
  expect(second.live.readiness?.missing.some((m) => m.requirement.startsWith('approval'))).toBe(true);
});

test('the fields the live check refuses are the fields the save refuses, with the same words', async () => {
  const key = await p.createIssue('Roadmap Item', 'Live refusal');
  const before = await p.ok('panel/load', {}, FST_LEAD, key);
  const input = {
    ...completeVetting(),
    artifacts: [{ kind: 'story', url: 'etherpad/sriov', title: 'PTG etherpad' }],
    targetRelease: 'zzzz',
  };
  const live = liveCheck(before, input, Date.now());
  const refused = await p.call('vetting/save', { revision: null, vetting: input }, FST_LEAD, key);
  expect(refused.ok).toBe(false);
  const details = (refused as { ok: false; error: { details?: { fieldErrors?: Record<string, string> } } }).error.details;
  expect(Object.keys(live.fieldErrors)).toContain('vetting.artifacts.0.url');
  expect(live.fieldErrors['vetting.artifacts.0.url']).toBe(details?.fieldErrors?.['vetting.artifacts.0.url']);
  expect(live.readiness).toBeUndefined();

  // With the link fixed, the unknown release is refused as the server's reference check does it.
  const fixed = { ...input, artifacts: [{ kind: 'story', url: 'https://etherpad.opendev.org/p/sriov', title: 'PTG etherpad' }] };
  const live2 = liveCheck(before, fixed, Date.now());
  const refused2 = await p.call('vetting/save', { revision: null, vetting: fixed }, FST_LEAD, key);
  expect(refused2.ok).toBe(false);
  const details2 = (refused2 as { ok: false; error: { details?: { fieldErrors?: Record<string, string> } } }).error.details;
  expect(live2.fieldErrors).toEqual(details2?.fieldErrors);
});
