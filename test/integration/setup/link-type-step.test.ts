// The setup step that creates the "LCOO delivery" issue link type, against the Jira emulator:
// the plan says it will create it, the run creates it once, a second look finds it, a type of
// that name reading the other way round is refused with what to do, and a site with issue
// linking switched off (Jira's 404) gets a sentence, not a crash.
import { createJiraEmulator, type JiraEmulator } from '../../../sandbox/jira';
import { AppError } from '../../../src/contract/envelope';
import { createIssueLinkType, DELIVERY_LINK_TYPE, listIssueLinkTypes } from '../../../src/jira/issue-links';
import { issueLinkTypeStep, type StepContext } from '../../../src/usecases/setup/steps';
import { emulatorClient } from '../../support/emulator-client';

const ctxOf = (em: JiraEmulator): StepContext => ({
  client: emulatorClient(em),
  projectKey: 'LCOO',
  ari: 'ari:test',
  out: { issueTypeIds: {}, statuses: {} },
  created: [],
});

describe('setup step: the LCOO delivery issue link type', () => {
  let em: JiraEmulator;
  beforeEach(() => {
    em = createJiraEmulator({ dbPath: ':memory:', contract: null });
  });
  afterEach(() => em.close());

  it('plans the creation, creates the type once, and finds it on the next look', async () => {
    const ctx = ctxOf(em);
    const planned = await issueLinkTypeStep.inspect(ctx);
    expect(planned).toEqual({
      satisfied: false,
      detail: 'Will create it: a Roadmap Item "is delivered by" each of its Upstream Deliverables, which "delivers" it.',
    });
    expect(await issueLinkTypeStep.apply(ctx)).toBe('Created: a Roadmap Item "is delivered by" each Upstream Deliverable.');
    expect(ctx.created).toEqual(['issue link type "LCOO delivery"']);
    const types = await listIssueLinkTypes(ctx.client);
    expect(types.filter((t) => t.name === DELIVERY_LINK_TYPE.name)).toEqual([expect.objectContaining({ ...DELIVERY_LINK_TYPE })]);
    expect(await issueLinkTypeStep.inspect(ctxOf(em))).toEqual({ satisfied: true, detail: 'Exists ("is delivered by" / "delivers").' });
  });

  it('refuses a type of that name that reads the other way round, saying where to fix it', async () => {
    const ctx = ctxOf(em);
    await createIssueLinkType(ctx.client, { name: 'lcoo Delivery', outward: 'delivers', inward: 'is delivered by' });
    const err = await issueLinkTypeStep.inspect(ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).message).toBe(
      'An issue link type named "lcoo Delivery" exists, but it reads "delivers" / "is delivered by" instead of "is delivered by" / "delivers", so links would read the wrong way round. In Jira settings > Issues > Issue linking, change its descriptions to "is delivered by" / "delivers" or rename it, then resume.',
    );
  });

  it('says issue linking is off when Jira answers 404 for the link types', async () => {
    const original = em.handle.bind(em);
    em.handle = async (req) =>
      req.path.startsWith('/rest/api/3/issueLinkType')
        ? {
            status: 404,
            headers: { 'content-type': 'application/json' },
            body: { errorMessages: ['Issue linking is disabled.'], errors: {} },
          }
        : original(req);
    const err = await issueLinkTypeStep.inspect(ctxOf(em)).catch((e: unknown) => e);
    expect((err as AppError).message).toBe(
      'Issue linking is turned off on this Jira site. Turn it on in Jira settings > Issues > Issue linking, then resume.',
    );
  });
});
