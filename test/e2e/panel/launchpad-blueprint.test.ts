// Issue 14 in Chromium: the blueprint as Launchpad says, in the deliverable's panel, read-only
// with where and when it came from ("from Launchpad, ..."), and a refresh that re-reads it after
// the project's drivers change it on Launchpad.
import { ADMIN, rest } from '../../support/lcoo-site';
import { useSeededSandboxAndBrowser } from '../../support/seeded-browser';
import { blueprintRef } from '../../../src/domain/upstream';

jest.setTimeout(120_000);

const PANEL = 'lcoo-issue-panel';
const site = useSeededSandboxAndBrowser();

test('the panel shows the blueprint from Launchpad with provenance, and a refresh reads the new status', async () => {
  const { sb, b } = site;
  const found = await rest(sb, ADMIN, 'POST', '/rest/api/3/search/jql', {
    jql: 'project = LCOO AND issuetype = "Upstream Deliverable" AND status = "Blueprint Accepted"',
    fields: ['summary'],
    properties: ['lcoo-delivery'],
    maxResults: 1,
  });
  const issue = (found.body as { issues: { key: string; properties: Record<string, { data?: { blueprint?: { url: string } } }> }[] })
    .issues[0]!;
  const ref = blueprintRef(issue.properties['lcoo-delivery']?.data?.blueprint?.url)!;
  expect(ref).toBeDefined();

  const page = await b.newPage(sb.url, { asEmail: ADMIN, width: 1280, height: 1200 });
  await page.goto(`${sb.url}/browse/${issue.key}`);
  const frame = await b.waitForApp(page, PANEL);
  await b.screenshotOnFailure(async () => {
    const line = frame.getByTestId('upstream-blueprint');
    await line.filter({ hasText: `${ref.project}/${ref.name}: Approved` }).waitFor();
    await frame.getByTestId('upstream-blueprint-provenance').filter({ hasText: 'from Launchpad,' }).waitFor();

    // On Launchpad the drivers mark it superseded; the person refreshes.
    sb.launchpad.store.setDefinitionStatus(ref.project, ref.name, 'Superseded');
    await frame.getByTestId('upstream-refresh').click();
    await line.filter({ hasText: `${ref.project}/${ref.name}: Superseded` }).waitFor();
    await frame.getByTestId('upstream-blueprint-provenance').filter({ hasText: 'from Launchpad, just now' }).waitFor();
    await b.screenshot(page, 'launchpad-blueprint');
  });
});
