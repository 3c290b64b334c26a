// Who gets in, over real HTTP: the sandbox is a server on a developer's machine, and its
// Custom UI origin runs app code in the same site. REST without credentials is Jira's 401;
// app functions run only for a signed-in seeded person; state-changing requests from another
// origin, or not JSON, are refused; REST with the sign-in cookie passes Jira's XSRF check only
// with X-Atlassian-Token: no-check.
import { http } from '../../support/http';
import { startSandbox, type TestSandbox } from '../../support/sandbox';

jest.setTimeout(60_000);

let sb: TestSandbox;
beforeAll(async () => {
  sb = await startSandbox();
}, 120_000);
afterAll(async () => sb?.stop());

const basic = (email: string) => ({ authorization: `Basic ${Buffer.from(`${email}:any-token`).toString('base64')}` });
const cookie = (email: string) => ({ cookie: `sandbox_user=${encodeURIComponent(email)}` });
const JSON_TYPE = { 'content-type': 'application/json' };
const NOT_AUTHENTICATED = { errorMessages: ['You are not authenticated. Authentication required to perform this operation.'], errors: {} };
const newIssue = JSON.stringify({ fields: { project: { key: 'LCOO' }, issuetype: { name: 'Task' }, summary: 'Access test' } });

describe('/rest/api/3 through the sandbox', () => {
  test('without credentials, or with an unknown person or an empty cookie, it is 401 in Jira’s format (reads and writes)', async () => {
    for (const headers of [{}, basic('nobody@example.com'), { cookie: 'sandbox_user=' }, cookie('nobody@example.com')]) {
      for (const [method, body] of [
        ['GET', undefined],
        ['POST', newIssue],
      ] as const) {
        const r = await http(sb.url, method, method === 'GET' ? '/rest/api/3/myself' : '/rest/api/3/issue', {
          headers: { ...headers, ...JSON_TYPE, 'x-atlassian-token': 'no-check' },
          ...(body ? { body } : {}),
        });
        expect([method, headers, r.status, r.json()]).toEqual([method, headers, 401, NOT_AUTHENTICATED]);
      }
    }
  });

  test('HTTP basic with a seeded email acts as that person (the README’s curl example)', async () => {
    const me = await http(sb.url, 'GET', '/rest/api/3/myself', { headers: basic('viewer@lcoo.example') });
    expect(me.status).toBe(200);
    expect(me.json()).toMatchObject({ emailAddress: 'viewer@lcoo.example' });
    const made = await http(sb.url, 'POST', '/rest/api/3/issue', {
      headers: { ...basic('fst-lead@lcoo.example'), ...JSON_TYPE },
      body: newIssue,
    });
    expect(made.status).toBe(201);
  });

  test('with the sign-in cookie, reads work and writes need X-Atlassian-Token: no-check from this origin', async () => {
    const me = await http(sb.url, 'GET', '/rest/api/3/myself', { headers: cookie('coordinator@lcoo.example') });
    expect(me.json()).toMatchObject({ emailAddress: 'coordinator@lcoo.example' });

    const noToken = await http(sb.url, 'POST', '/rest/api/3/issue', {
      headers: { ...cookie('fst-lead@lcoo.example'), ...JSON_TYPE, origin: sb.url },
      body: newIssue,
    });
    expect([noToken.status, noToken.text]).toEqual([403, 'XSRF check failed']);

    const otherOrigin = await http(sb.url, 'POST', '/rest/api/3/issue', {
      headers: { ...cookie('fst-lead@lcoo.example'), ...JSON_TYPE, origin: sb.resourceOrigin, 'x-atlassian-token': 'no-check' },
      body: newIssue,
    });
    expect(otherOrigin.status).toBe(403);

    const ok = await http(sb.url, 'POST', '/rest/api/3/issue', {
      headers: { ...cookie('fst-lead@lcoo.example'), ...JSON_TYPE, origin: sb.url, 'x-atlassian-token': 'no-check' },
      body: newIssue,
    });
    expect(ok.status).toBe(201);
  });

  test('a body that is not JSON is refused, not guessed at', async () => {
    const r = await http(sb.url, 'POST', '/rest/api/3/issue', {
      headers: { ...basic('admin@lcoo.example'), 'content-type': 'text/plain' },
      body: newIssue,
    });
    expect(r.status).toBe(415);
    expect(r.json()).toMatchObject({ errorMessages: [expect.stringContaining('application/json')] });
  });
});

describe('/__forge/* (the host bridge) and the pages', () => {
  const invoke = JSON.stringify({ moduleKey: 'lcoo-admin', target: { kind: 'admin' }, functionKey: 'config/get', payload: {} });

  test('an app function runs only for a signed-in seeded person: no, empty or unknown cookie is 401', async () => {
    for (const headers of [{}, { cookie: 'sandbox_user=' }, cookie('nobody@example.com')]) {
      const r = await http(sb.url, 'POST', '/__forge/invoke', { headers: { ...headers, ...JSON_TYPE, origin: sb.url }, body: invoke });
      expect([headers, r.status]).toEqual([headers, 401]);
      expect(r.json()).toEqual({ message: expect.stringContaining('Sign in') });
    }
    const ok = await http(sb.url, 'POST', '/__forge/invoke', {
      headers: { ...cookie('admin@lcoo.example'), ...JSON_TYPE, origin: sb.url },
      body: invoke,
    });
    expect(ok.status).toBe(200);
    expect(ok.json()).toMatchObject({ result: { ok: true } });
  });

  test('a cross-origin or text/plain POST with a valid cookie is refused and changes nothing', async () => {
    const gadgetId = 'lcoo-portfolio-gadget-1';
    const target = { moduleKey: 'lcoo-portfolio-gadget', dashboardId: '10000', gadgetId, config: { title: 'forged' } };
    const before = sb.host.raw.gadgetConfiguration('10000', gadgetId);
    const fromApp = await http(sb.url, 'POST', '/__forge/gadget-config', {
      headers: { ...cookie('admin@lcoo.example'), ...JSON_TYPE, origin: sb.resourceOrigin },
      body: JSON.stringify(target),
    });
    expect(fromApp.status).toBe(403);
    const plain = await http(sb.url, 'POST', '/__forge/gadget-config', {
      headers: { ...cookie('admin@lcoo.example'), 'content-type': 'text/plain' },
      body: JSON.stringify(target),
    });
    expect(plain.status).toBe(415);
    const crossSite = await http(sb.url, 'POST', '/__forge/invoke', {
      headers: { ...cookie('admin@lcoo.example'), ...JSON_TYPE, 'sec-fetch-site': 'cross-site' },
      body: invoke,
    });
    expect(crossSite.status).toBe(403);
    expect(sb.host.raw.gadgetConfiguration('10000', gadgetId)).toEqual(before);
    // The same request from the host page itself goes through: the refusals above were about origin and type.
    const own = await http(sb.url, 'POST', '/__forge/gadget-config', {
      headers: { ...cookie('admin@lcoo.example'), ...JSON_TYPE, origin: sb.url },
      body: JSON.stringify(target),
    });
    expect(own.status).toBe(200);
    expect(sb.host.raw.gadgetConfiguration('10000', gadgetId)).toEqual({ title: 'forged' });
  });

  test('a page without a signed-in person goes to the sign-in page; signing in takes JSON from this origin only', async () => {
    const page = await http(sb.url, 'GET', '/projects/LCOO/issues');
    expect(page.status).toBe(303);
    expect(page.headers.location).toBe('/login?back=%2Fprojects%2FLCOO%2Fissues');
    const login = await http(sb.url, 'GET', '/login');
    expect(login.text).toContain('data-email="viewer@lcoo.example"');

    const form = await http(sb.url, 'POST', '/__sandbox/user', {
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: sb.url },
      body: 'email=admin%40lcoo.example',
    });
    expect(form.status).toBe(415);
    const elsewhere = await http(sb.url, 'POST', '/__sandbox/user', {
      headers: { ...JSON_TYPE, origin: 'http://evil.example' },
      body: JSON.stringify({ email: 'admin@lcoo.example' }),
    });
    expect(elsewhere.status).toBe(403);
    const signIn = await http(sb.url, 'POST', '/__sandbox/user', {
      headers: { ...JSON_TYPE, origin: sb.url },
      body: JSON.stringify({ email: 'viewer@lcoo.example' }),
    });
    expect(signIn.status).toBe(200);
    expect(String(signIn.headers['set-cookie'])).toContain('sandbox_user=viewer%40lcoo.example');
  });
});
