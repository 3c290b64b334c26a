// JQL through /search/jql: Atlassian's grammar, each operator, entity-property aliases,
// ordering and nextPageToken paging.
import { createIssue, makeHarness, q, type Harness } from './harness';

interface Page {
  issues: { id: string; key: string; fields?: Record<string, unknown>; properties?: Record<string, unknown> }[];
  nextPageToken?: string;
  isLast: boolean;
}

describe('JQL search', () => {
  let h: Harness;
  const fstId = () => {
    const p = h.as('fst-lead@lcoo.example');
    return p.kind === 'user' ? p.accountId : '';
  };

  // LCOO-1..LCOO-6 with vetting properties; LCOO-7 without any.
  const items = [
    {
      summary: 'Neutron QoS for edge',
      labels: ['edge', 'networking'],
      stage: 'vetting-backlog',
      size: 3,
      fst: 'networking',
      companies: ['AT&T', 'Orange'],
      due: '2026-01-15',
    },
    {
      summary: 'Nova live migration at scale',
      labels: ['compute'],
      stage: 'being-vetted',
      size: 13,
      fst: 'compute',
      companies: ['NTT'],
      due: '2026-03-01',
    },
    {
      summary: 'Cinder multi-attach',
      labels: [],
      stage: 'prioritized',
      size: 8,
      fst: 'storage',
      companies: ['Comcast', 'Intel'],
      due: '2025-12-01',
    },
    {
      summary: 'Keystone federation for telcos',
      labels: ['security'],
      stage: 'prioritized',
      size: 5,
      fst: 'security',
      companies: ['Orange'],
      due: '2026-06-30',
    },
    {
      summary: 'Edge image caching in Glance',
      labels: ['edge'],
      stage: 'development-ready',
      size: 2,
      fst: 'networking',
      companies: ['Reliance Jio'],
      due: '2026-02-10',
    },
    {
      summary: 'Octavia TLS offload',
      labels: ['networking'],
      stage: 'being-vetted',
      size: 21,
      fst: 'networking',
      companies: [],
      due: '2026-09-09',
    },
  ];
  const keys = async (jql: string, extra = ''): Promise<string[]> => {
    const res = await h.call(h.app, 'GET', `/rest/api/3/search/jql?jql=${q(jql)}&fields=key&maxResults=100${extra}`);
    if (res.status !== 200) throw new Error(`${jql} -> ${res.status} ${JSON.stringify(res.body)}`);
    return (res.body as Page).issues.map((i) => i.key);
  };
  const sorted = async (jql: string) => (await keys(jql)).sort((a, b) => Number(a.split('-')[1]) - Number(b.split('-')[1]));
  const error = async (jql: string) => {
    const res = await h.call(h.app, 'GET', `/rest/api/3/search/jql?jql=${q(jql)}`);
    expect(res.status).toBe(400);
    return (res.body as { errorMessages: string[] }).errorMessages.join(' ');
  };

  beforeAll(async () => {
    h = makeHarness();
    for (const [i, it] of items.entries()) {
      const { key } = await createIssue(h, it.summary, { labels: it.labels, ...(i % 2 === 0 ? { assignee: { accountId: fstId() } } : {}) });
      await h.ok(
        h.app,
        'PUT',
        `/rest/api/3/issue/${key}/properties/lcoo-vetting`,
        {
          schemaVersion: 2,
          index: {
            stage: it.stage,
            size: it.size,
            fst: it.fst,
            companies: it.companies,
            summaryText: `${it.summary} roadmap`,
            owner: fstId(),
            due: it.due,
          },
        },
        201,
      );
    }
    await createIssue(h, 'Unvetted idea');
    await h.ok(h.app, 'POST', '/rest/api/3/issue/LCOO-5/transitions', { transition: { id: '31' } }, 204);
    await h.ok(h.app, 'POST', '/rest/api/3/issue/LCOO-2/transitions', { transition: { id: '21' } }, 204);
  });
  afterAll(() => h.em.close());

  it('filters on project, issue type, status and status category', async () => {
    expect(await sorted('project = LCOO')).toHaveLength(7);
    expect(await sorted('project in (LCOO, 10000) AND issuetype = Task')).toHaveLength(7);
    expect(await sorted('type != Task')).toEqual([]);
    expect(await sorted('status = Done')).toEqual(['LCOO-5']);
    expect(await sorted('status in ("In Progress", Done)')).toEqual(['LCOO-2', 'LCOO-5']);
    expect(await sorted('status not in ("To Do")')).toEqual(['LCOO-2', 'LCOO-5']);
    expect(await sorted('statusCategory = "To Do"')).toEqual(['LCOO-1', 'LCOO-3', 'LCOO-4', 'LCOO-6', 'LCOO-7']);
    expect(await sorted('statusCategory != new')).toEqual(['LCOO-2', 'LCOO-5']);
  });

  it('filters on keys, including ranges within a project', async () => {
    expect(await sorted('key = LCOO-3')).toEqual(['LCOO-3']);
    expect(await sorted('issuekey in (LCOO-1, LCOO-2)')).toEqual(['LCOO-1', 'LCOO-2']);
    expect(await sorted('key > LCOO-5')).toEqual(['LCOO-6', 'LCOO-7']);
    expect(await sorted('key <= LCOO-2')).toEqual(['LCOO-1', 'LCOO-2']);
    expect(await sorted('key >= LCOO-6 AND key < LCOO-7')).toEqual(['LCOO-6']);
  });

  it('matches summary with ~ and !~, labels with = != IN NOT IN IS EMPTY', async () => {
    expect(await sorted('summary ~ edge')).toEqual(['LCOO-1', 'LCOO-5']);
    expect(await sorted('summary ~ "live migration"')).toEqual(['LCOO-2']);
    expect(await sorted('summary !~ edge')).toEqual(['LCOO-2', 'LCOO-3', 'LCOO-4', 'LCOO-6', 'LCOO-7']);
    expect(await sorted('labels = edge')).toEqual(['LCOO-1', 'LCOO-5']);
    expect(await sorted('labels in (security, compute)')).toEqual(['LCOO-2', 'LCOO-4']);
    // Jira: != and NOT IN never match an issue without labels.
    expect(await sorted('labels != edge')).toEqual(['LCOO-2', 'LCOO-4', 'LCOO-6']);
    expect(await sorted('labels not in (edge, networking)')).toEqual(['LCOO-2', 'LCOO-4']);
    expect(await sorted('labels is EMPTY')).toEqual(['LCOO-3', 'LCOO-7']);
    expect(await sorted('labels is not empty AND labels = networking')).toEqual(['LCOO-1', 'LCOO-6']);
  });

  it('resolves assignee and reporter, with currentUser() and EMPTY', async () => {
    expect(await sorted(`assignee = "${fstId()}"`)).toEqual(['LCOO-1', 'LCOO-3', 'LCOO-5']);
    expect(await sorted('assignee = "fst-lead@lcoo.example"')).toEqual(['LCOO-1', 'LCOO-3', 'LCOO-5']);
    expect(await sorted('assignee is EMPTY')).toEqual(['LCOO-2', 'LCOO-4', 'LCOO-6', 'LCOO-7']);
    const fst = h.as('fst-lead@lcoo.example');
    const mine = await h.ok<Page>(fst, 'GET', `/rest/api/3/search/jql?jql=${q('assignee = currentUser() ORDER BY key')}&fields=key`);
    expect(mine.issues.map((i) => i.key)).toEqual(['LCOO-1', 'LCOO-3', 'LCOO-5']);
    expect(await sorted('reporter = currentUser()')).toHaveLength(7); // the app created them all
  });

  it('searches entity properties by alias and by issue.property[...] with each operator and the declared type', async () => {
    expect(await sorted('lcooStage = prioritized')).toEqual(['LCOO-3', 'LCOO-4']);
    expect(await sorted('issue.property[lcoo-vetting].index.stage = prioritized')).toEqual(['LCOO-3', 'LCOO-4']);
    expect(await sorted('lcooStage in (being-vetted, development-ready)')).toEqual(['LCOO-2', 'LCOO-5', 'LCOO-6']);
    expect(await sorted('lcooStage != prioritized')).toEqual(['LCOO-1', 'LCOO-2', 'LCOO-5', 'LCOO-6']);
    expect(await sorted('lcooStage not in (prioritized, being-vetted)')).toEqual(['LCOO-1', 'LCOO-5']);
    expect(await sorted('lcooStage is EMPTY')).toEqual(['LCOO-7']);
    // number type compares numerically (string order would put 13 and 21 before 3)
    expect(await sorted('lcooSize > 5')).toEqual(['LCOO-2', 'LCOO-3', 'LCOO-6']);
    expect(await sorted('lcooSize >= 5 AND lcooSize <= 8')).toEqual(['LCOO-3', 'LCOO-4']);
    expect(await sorted('lcooSize < 3')).toEqual(['LCOO-5']);
    // arrays index every element
    expect(await sorted('lcooCompany = Orange')).toEqual(['LCOO-1', 'LCOO-4']);
    expect(await sorted('lcooCompany is EMPTY')).toEqual(['LCOO-6', 'LCOO-7']);
    // text type: ~
    expect(await sorted('issue.property[lcoo-vetting].index.summaryText ~ federation')).toEqual(['LCOO-4']);
    // user type accepts currentUser() and e-mail
    expect(await sorted('issue.property[lcoo-vetting].index.owner = "fst-lead@lcoo.example"')).toHaveLength(6);
    // date type compares as dates
    expect(await sorted('lcooDue < "2026-01-31"')).toEqual(['LCOO-1', 'LCOO-3']);
  });

  it('combines AND, OR, NOT and parentheses', async () => {
    expect(await sorted('lcooFst = networking AND (labels = edge OR lcooSize > 20)')).toEqual(['LCOO-1', 'LCOO-5', 'LCOO-6']);
    expect(await sorted('NOT lcooFst = networking AND lcooStage IS NOT EMPTY')).toEqual(['LCOO-2', 'LCOO-3', 'LCOO-4']);
    expect(await sorted('status = Done OR NOT (project = LCOO)')).toEqual(['LCOO-5']);
  });

  it('orders by key, summary, status, created and aliases', async () => {
    expect(await keys('project = LCOO ORDER BY key DESC')).toEqual(['LCOO-7', 'LCOO-6', 'LCOO-5', 'LCOO-4', 'LCOO-3', 'LCOO-2', 'LCOO-1']);
    expect(await keys('lcooSize > 0 ORDER BY lcooSize ASC')).toEqual(['LCOO-5', 'LCOO-1', 'LCOO-4', 'LCOO-3', 'LCOO-2', 'LCOO-6']);
    expect((await keys('lcooSize > 0 ORDER BY issue.property[lcoo-vetting].index.size DESC'))[0]).toBe('LCOO-6');
    expect(await keys('key <= LCOO-3 ORDER BY summary')).toEqual(['LCOO-3', 'LCOO-1', 'LCOO-2']);
    expect((await keys('project = LCOO ORDER BY status DESC, key ASC')).slice(0, 3)).toEqual(['LCOO-1', 'LCOO-3', 'LCOO-4']);
    expect(await keys('project = LCOO ORDER BY created ASC, key ASC')).toHaveLength(7);
  });

  it('pages with nextPageToken until isLast, without gaps or repeats', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page: Page = await h.ok<Page>(h.app, 'POST', '/rest/api/3/search/jql', {
        jql: 'project = LCOO ORDER BY key',
        fields: ['summary'],
        properties: ['lcoo-vetting'],
        maxResults: 3,
        ...(token ? { nextPageToken: token } : {}),
      });
      seen.push(...page.issues.map((i) => i.key));
      expect(page.issues.every((i) => typeof i.fields?.summary === 'string')).toBe(true);
      token = page.nextPageToken;
      pages += 1;
      expect(page.isLast).toBe(token === undefined);
    } while (token);
    expect(pages).toBe(3);
    expect(seen).toEqual(['LCOO-1', 'LCOO-2', 'LCOO-3', 'LCOO-4', 'LCOO-5', 'LCOO-6', 'LCOO-7']);
  });

  it('returns only ids by default, caps maxResults at 100 with fields and refuses a token of another query', async () => {
    const bare = await h.ok<Page>(h.app, 'GET', `/rest/api/3/search/jql?jql=${q('key = LCOO-1')}`);
    expect(bare.issues).toEqual([{ id: expect.any(String) }]);
    const withProps = await h.ok<Page>(
      h.app,
      'GET',
      `/rest/api/3/search/jql?jql=${q('key = LCOO-1')}&fields=summary&properties=lcoo-vetting`,
    );
    expect(withProps.issues[0]?.properties?.['lcoo-vetting']).toMatchObject({ schemaVersion: 2 });
    const first = await h.ok<Page>(h.app, 'GET', `/rest/api/3/search/jql?jql=${q('project = LCOO')}&maxResults=2`);
    expect(first.nextPageToken).toBeDefined();
    const wrong = await h.call(
      h.app,
      'GET',
      `/rest/api/3/search/jql?jql=${q('project = LCOO AND labels = edge')}&nextPageToken=${first.nextPageToken ?? ''}`,
    );
    expect(wrong.status).toBe(400);
  });

  it('answers bad JQL with 400 and the parser message, unknown values and fields with Jira messages', async () => {
    expect(await error('project = = LCOO')).toMatch(/^Error in the JQL Query: .*input '='.*\(line 1, character 11\)\.$/);
    expect(await error('project = LCOO AND (status = Done')).toContain('Error in the JQL Query');
    expect(await error('project = NOPE')).toBe("The value 'NOPE' does not exist for the field 'project'.");
    expect(await error('status = Sleeping')).toBe("The value 'Sleeping' does not exist for the field 'status'.");
    expect(await error('flavour = vanilla')).toContain("Field 'flavour' does not exist");
    expect(await error('issue.property[lcoo-vetting].index.secret = x')).toContain('is not indexed');
    expect(await error('summary = exact')).toContain("operator '=' is not supported by the 'summary' field");
    expect(await error('lcooSize = big')).toContain("'big' is not a valid number");
  });

  it('reports JQL problems per query in /jql/parse', async () => {
    const parsed = await h.ok<{ queries: { query: string; errors: string[] }[] }>(
      h.app,
      'POST',
      '/rest/api/3/jql/parse?validation=strict',
      { queries: ['lcooStage = prioritized', 'project = = '] },
    );
    expect(parsed.queries[0]?.errors).toEqual([]);
    expect(parsed.queries[1]?.errors[0]).toContain('Error in the JQL Query');
  });
});
