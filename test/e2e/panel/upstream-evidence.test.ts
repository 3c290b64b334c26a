// Issue 14 in Chromium: a deliverable whose evidence arrives from Gerrit. With Code Committed
// "from Gerrit only", its move is refused while Gerrit says the change lacks cores, Zuul and
// the merge; once Gerrit says so and the person presses "Refresh from upstream", the panel
// shows the new evidence ("from Gerrit, just now") and Jira lets the move through.
import { ZUUL } from '../../../sandbox/gerrit/store';
import { SEEDED_CORES } from '../../../sandbox/gerrit/seed';
import { ADMIN, deliverableKeysIn, setGateSettings, transition } from '../../support/lcoo-site';
import { useSeededSandboxAndBrowser } from '../../support/seeded-browser';

jest.setTimeout(120_000);

const PANEL = 'lcoo-issue-panel';
const site = useSeededSandboxAndBrowser();

test('Code Committed from Gerrit only: refused by what Gerrit says, then passes after a refresh', async () => {
  const { sb, b } = site;
  await setGateSettings(sb, { codeCommittedFrom: 'gerrit' });
  const key = (await deliverableKeysIn(sb, 'Coding In Progress'))[0]!;

  const page = await b.newPage(sb.url, { asEmail: ADMIN, width: 1280, height: 1200 });
  await page.goto(`${sb.url}/browse/${key}`);
  const frame = await b.waitForApp(page, PANEL);
  await b.screenshotOnFailure(async () => {
    const evidence = frame.getByTestId('upstream-evidence');
    await evidence.filter({ hasText: 'from Gerrit,' }).waitFor();
    await evidence.filter({ hasText: 'Code Committed is decided by what Gerrit says' }).waitFor();
    const number = Number((await frame.locator('[data-testid^="upstream-change-"]').first().getAttribute('data-testid'))!.split('-').pop());
    await frame.getByTestId(`upstream-gerrit-${number}`).filter({ hasText: 'NEW · Code-Review +2 ×1' }).waitFor();
    await frame
      .getByTestId('readiness')
      .filter({ hasText: `change ${number} is not merged, has one Code-Review +2, needs two` })
      .waitFor();

    const refused = await transition(sb, ADMIN, key, 'Code Committed');
    expect(refused.status).toBe(400);
    expect((refused.body as { errorMessages: string[] }).errorMessages.join(' ')).toContain(`change ${number} is not merged`);

    // Upstream, the cores approve, Zuul verifies and the change merges.
    for (const n of (
      await frame.locator('[data-testid^="upstream-gerrit-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')))
    ).map((t) => Number(t!.split('-').pop()))) {
      sb.gerrit.store.vote(n, 'Code-Review', SEEDED_CORES[2]!, 2);
      sb.gerrit.store.vote(n, 'Code-Review', SEEDED_CORES[3]!, 2);
      sb.gerrit.store.vote(n, 'Verified', ZUUL, 2);
      sb.gerrit.store.vote(n, 'Workflow', SEEDED_CORES[3]!, 1);
      sb.gerrit.store.setStatus(n, 'MERGED');
    }
    await frame.getByTestId('upstream-refresh').click();
    await frame.getByTestId(`upstream-gerrit-${number}`).filter({ hasText: 'MERGED · Code-Review +2 ×3' }).waitFor();
    await frame.getByTestId(`upstream-provenance-${number}`).filter({ hasText: 'from Gerrit, just now' }).waitFor();
    await frame.getByTestId('readiness').filter({ hasText: 'Everything the gate checks is in place' }).waitFor();
    await b.screenshot(page, 'upstream-evidence-ready');

    expect((await transition(sb, ADMIN, key, 'Code Committed')).status).toBe(204);
  });
});
