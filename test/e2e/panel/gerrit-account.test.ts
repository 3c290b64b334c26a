// Issue 14.5 in Chromium: Farah Stein (the Networking FST lead, a core reviewer upstream too)
// maps her Gerrit account on a deliverable's panel by email; her name and company then show
// against her Code-Review +2, with the member-company sentence, and she can remove it again.
import { LCOO_CORES } from '../../../sandbox/gerrit/seed';
import { FST_LEAD, deliverableKeysIn, panel, unwrap } from '../../support/lcoo-site';
import { useSeededSandboxAndBrowser } from '../../support/seeded-browser';
import type { PanelData } from '../../../src/contract/panel';

jest.setTimeout(120_000);

const PANEL = 'lcoo-issue-panel';
const FARAH = LCOO_CORES[0]!;
const site = useSeededSandboxAndBrowser();

test('map your Gerrit account in the panel, then see your name against your +2 and the member-company sentence', async () => {
  const { sb, b } = site;
  const key = (await deliverableKeysIn(sb, 'Coding In Progress', FST_LEAD))[0]!;
  const number = unwrap<PanelData>(await panel(sb, FST_LEAD, key, 'panel/load', {})).delivery!.data!.changes![0]!.number;
  // Farah's +2 upstream, read into the signed record as a refresh does.
  sb.gerrit.store.vote(number, 'Code-Review', FARAH, 2);
  unwrap(await panel(sb, FST_LEAD, key, 'delivery/refresh-upstream', {}));

  const page = await b.newPage(sb.url, { asEmail: FST_LEAD, width: 1280, height: 1400 });
  await page.goto(`${sb.url}/browse/${key}`);
  const frame = await b.waitForApp(page, PANEL);
  await b.screenshotOnFailure(async () => {
    const line = frame.getByTestId(`upstream-core-${number}-${FARAH._account_id}`);
    await line.filter({ hasText: 'Farah Stein (fstein)' }).waitFor();
    expect(await line.textContent()).toBe('Farah Stein (fstein)');

    const control = frame.getByTestId('gerrit-account');
    await control.filter({ hasText: 'Company: AT&T, from your Jira groups.' }).waitFor();
    await control.screenshot({ path: 'test-results/gerrit-account-form.png' });
    await frame.getByLabel('Email or Gerrit username').fill('fst-lead@lcoo.example');
    await frame.getByTestId('gerrit-account-save').click();

    await frame
      .getByTestId('gerrit-account-mine')
      .filter({ hasText: 'Farah Stein (fstein), account 9110 · AT&T (your company group)' })
      .waitFor();
    await line.filter({ hasText: 'Farah Stein (fstein) — Farah Stein (Networking FST lead), AT&T (their claim)' }).waitFor();
    const sentence = frame.getByTestId('upstream-cores-sentence');
    await sentence.filter({ hasText: /cores? voted \+2; .*member compan(y|ies) \(.*AT&T.*\)\./ }).waitFor();
    await frame.getByTestId('upstream-evidence').screenshot({ path: 'test-results/gerrit-account-mapped.png' });

    // Not found: said at the field, the mapping stays.
    await frame.getByTestId('gerrit-account-change').click();
    await frame.getByLabel('Email or Gerrit username').fill('nobody@example.org');
    await frame.getByTestId('gerrit-account-save').click();
    await frame
      .getByTestId('gerrit-account-error')
      .filter({ hasText: 'has no active account with the email nobody@example.org' })
      .waitFor();
    await frame.getByTestId('gerrit-account-cancel').click();

    await frame.getByTestId('gerrit-account-remove').click();
    await frame.getByTestId('gerrit-account-save').waitFor();
    await line.filter({ hasText: /^Farah Stein \(fstein\)$/ }).waitFor();
  });
});
