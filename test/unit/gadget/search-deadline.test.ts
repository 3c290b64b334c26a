// searchAll's deadline (added for the gadget): a slow Jira makes the load stop paging and say
// "truncated" instead of running into Forge's 25 s limit.
import { JiraClient, type Requester } from '../../../src/jira/client';
import { searchAll } from '../../../src/jira/search';

/** A Jira that has `total` issues and answers each page after `msPerPage` of (fake) time. */
function slowJira(total: number, msPerPage: number, clock: { t: number }): { client: JiraClient; pages: number[] } {
  const pages: number[] = [];
  const requester: Requester = async (_path, init) => {
    const body = JSON.parse(init.body ?? '{}') as { nextPageToken?: string; maxResults: number };
    const start = Number(body.nextPageToken ?? 0);
    pages.push(start);
    clock.t += msPerPage;
    const issues = Array.from({ length: Math.min(body.maxResults, total - start) }, (_, i) => ({
      id: String(start + i),
      key: `LCOO-${start + i + 1}`,
      fields: {},
    }));
    const next = start + issues.length;
    const text = JSON.stringify({ issues, ...(next < total ? { nextPageToken: String(next) } : {}), isLast: next >= total });
    return { status: 200, headers: { get: () => null }, text: async () => text };
  };
  return { client: new JiraClient({ as: 'user', requester }), pages };
}

describe('searchAll deadline', () => {
  it('stops requesting pages once the deadline has passed and reports truncated', async () => {
    const clock = { t: 0 };
    const { client, pages } = slowJira(10_000, 400, clock);
    const r = await searchAll(client, { jql: 'x', fields: [], pageSize: 100, deadline: 18_000, now: () => clock.t });
    expect(r.truncated).toBe(true);
    expect(pages).toHaveLength(45); // 45 pages x 400 ms = 18 s
    expect(r.issues).toHaveLength(4_500);
    expect(client.calls).toBe(45);
  });

  it('always reads the first page and reads everything when Jira is fast enough', async () => {
    const clock = { t: 0 };
    const late = slowJira(250, 400, clock);
    expect((await searchAll(late.client, { jql: 'x', fields: [], deadline: -1, now: () => clock.t })).issues).toHaveLength(100);
    const fast = slowJira(250, 10, clock);
    const r = await searchAll(fast.client, { jql: 'x', fields: [], deadline: clock.t + 18_000, now: () => clock.t });
    expect(r).toMatchObject({ truncated: false });
    expect(r.issues).toHaveLength(250);
    expect(fast.client.calls).toBe(3);
  });
});
