// Issue link types and issue links: shapes per Atlassian's OpenAPI document, who may create a
// type (admins; 404 otherwise, as documented), links in both directions in each issue's
// `issuelinks` field, duplicates adding nothing, and what a person may not see left out.
import { describeWithSpec, formatViolations, loadOpenApiContract, type OpenApiContract } from '../../support/openapi-contract';
import { createIssue, makeHarness, type Harness } from './harness';

interface LinkView {
  id: string;
  type: { name: string; inward: string; outward: string };
  inwardIssue?: { key: string; fields: { summary: string } };
  outwardIssue?: { key: string; fields: { summary: string } };
}

describeWithSpec('Jira emulator: issue link types and issue links', () => {
  let contract: OpenApiContract;
  let h: Harness;
  beforeAll(async () => {
    const loaded = await loadOpenApiContract();
    if (!loaded) throw new Error('spec disappeared between discovery and load');
    contract = loaded;
    h = makeHarness({ contract });
  });
  afterAll(() => h.em.close());

  const linksOf = async (key: string, principal = h.app) =>
    (await h.ok<{ fields: { issuelinks: LinkView[] } }>(principal, 'GET', `/rest/api/3/issue/${key}?fields=issuelinks`)).fields.issuelinks;

  it('lists the documented default types and lets only an administrator create one, once per name', async () => {
    const before = await h.ok<{ issueLinkTypes: { name: string }[] }>(h.as('viewer@lcoo.example'), 'GET', '/rest/api/3/issueLinkType');
    expect(before.issueLinkTypes.map((t) => t.name)).toEqual(['Blocks', 'Duplicate']);
    const body = { name: 'LCOO delivery', outward: 'is delivered by', inward: 'delivers' };
    expect((await h.call(h.as('coordinator@lcoo.example'), 'POST', '/rest/api/3/issueLinkType', body)).status).toBe(404);
    const created = await h.ok<{ id: string; name: string }>(h.as('admin@lcoo.example'), 'POST', '/rest/api/3/issueLinkType', body, 201);
    expect(created).toMatchObject({ name: 'LCOO delivery', inward: 'delivers', outward: 'is delivered by' });
    expect(await h.ok(h.app, 'GET', `/rest/api/3/issueLinkType/${created.id}`)).toEqual(created);
    const again = await h.call(h.app, 'POST', '/rest/api/3/issueLinkType', { ...body, name: 'lcoo DELIVERY' });
    expect(again.status).toBe(404);
    const missing = await h.call(h.app, 'POST', '/rest/api/3/issueLinkType', { name: 'No inward', outward: 'x' });
    expect(missing).toMatchObject({
      status: 400,
      body: { errors: { inward: 'The inward description of the issue link type is required.' } },
    });
  });

  it('links two issues, shows the link from each side, ignores a duplicate and deletes it', async () => {
    const item = await createIssue(h, 'Roadmap item');
    const deliverable = await createIssue(h, 'Upstream deliverable');
    const coordinator = h.as('coordinator@lcoo.example');
    const body = { type: { name: 'LCOO delivery' }, outwardIssue: { key: item.key }, inwardIssue: { key: deliverable.key } };
    expect((await h.call(coordinator, 'POST', '/rest/api/3/issueLink', body)).status).toBe(201);
    expect((await h.call(coordinator, 'POST', '/rest/api/3/issueLink', body)).status).toBe(201);
    const fromItem = await linksOf(item.key);
    expect(fromItem).toHaveLength(1);
    expect(fromItem[0]).toMatchObject({
      type: { name: 'LCOO delivery' },
      outwardIssue: { key: deliverable.key, fields: { summary: 'Upstream deliverable' } },
    });
    expect(fromItem[0]?.inwardIssue).toBeUndefined();
    const fromDeliverable = await linksOf(deliverable.key);
    expect(fromDeliverable[0]).toMatchObject({ id: fromItem[0]?.id, inwardIssue: { key: item.key } });
    const link = await h.ok<{ inwardIssue: { key: string }; outwardIssue: { key: string } }>(
      h.app,
      'GET',
      `/rest/api/3/issueLink/${fromItem[0]?.id ?? ''}`,
    );
    expect([link.outwardIssue.key, link.inwardIssue.key]).toEqual([item.key, deliverable.key]);
    // The viewer may browse but not link: 404, as Jira answers a missing Link issues permission.
    expect((await h.call(h.as('viewer@lcoo.example'), 'DELETE', `/rest/api/3/issueLink/${fromItem[0]?.id ?? ''}`)).status).toBe(404);
    await h.ok(coordinator, 'DELETE', `/rest/api/3/issueLink/${fromItem[0]?.id ?? ''}`, undefined, 204);
    expect(await linksOf(item.key)).toEqual([]);
    expect((await h.call(h.app, 'GET', `/rest/api/3/issueLink/${fromItem[0]?.id ?? ''}`)).status).toBe(404);
  });

  it('refuses a link the person may not make, to a missing issue or type, or of an issue to itself', async () => {
    const a = await createIssue(h, 'A');
    const b = await createIssue(h, 'B');
    const link = (type: unknown, from: string, to: string) => ({ type, outwardIssue: { key: from }, inwardIssue: { key: to } });
    expect(
      (await h.call(h.as('viewer@lcoo.example'), 'POST', '/rest/api/3/issueLink', link({ name: 'Blocks' }, a.key, b.key))).status,
    ).toBe(404);
    expect((await h.call(h.app, 'POST', '/rest/api/3/issueLink', link({ name: 'Nope' }, a.key, b.key))).status).toBe(404);
    expect((await h.call(h.app, 'POST', '/rest/api/3/issueLink', link({ name: 'Blocks' }, a.key, 'LCOO-99999'))).status).toBe(404);
    expect((await h.call(h.app, 'POST', '/rest/api/3/issueLink', link({ id: '1010' }, a.key, a.key))).status).toBe(400);
    expect(await linksOf(a.key)).toEqual([]);
  });

  it('leaves out a link to an issue the reader may not see (issue security)', async () => {
    const open = await createIssue(h, 'Open item');
    const secret = await createIssue(h, 'Committee only', { security: { id: '10300' } });
    await h.ok(
      h.app,
      'POST',
      '/rest/api/3/issueLink',
      { type: { name: 'Blocks' }, outwardIssue: { key: open.key }, inwardIssue: { key: secret.key } },
      201,
    );
    expect(await linksOf(open.key)).toHaveLength(1);
    expect(await linksOf(open.key, h.as('viewer@lcoo.example'))).toEqual([]);
  });

  it('answers every call within the documented shapes', () => {
    expect(formatViolations(contract)).toEqual([]);
  });
});
