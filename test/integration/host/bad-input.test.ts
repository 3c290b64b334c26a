// Inputs that used to crash a path that should refuse them: every one gets a structured error
// in the caller's format (Jira's errorMessages for REST, the envelope for app functions, 413
// for oversized bodies), never a 500 or a reset connection, and nothing overflows the stack.
import { startSandbox, type TestSandbox } from '../../support/sandbox';
import { rest, runSetup, createIssue, ADMIN } from '../../support/lcoo-site';
import { http } from '../../support/http';

jest.setTimeout(90_000);

let sb: TestSandbox;
beforeAll(async () => {
  sb = await startSandbox();
}, 120_000);
afterAll(async () => sb?.stop());

const basic = (email: string) => ({
  authorization: `Basic ${Buffer.from(`${email}:x`).toString('base64')}`,
  'content-type': 'application/json',
});
const nested = (levels: number): string => '['.repeat(levels) + '"deep"' + ']'.repeat(levels);
const cookieJson = (email: string) => ({ cookie: `sandbox_user=${encodeURIComponent(email)}`, 'content-type': 'application/json' });

describe('deeply nested JSON', () => {
  test.each([4000, 5000, 100_000])('a %i-level property PUT is a 400 in Jira’s format, over HTTP and in-process', async (levels) => {
    const made = await rest(sb, ADMIN, 'POST', '/rest/api/3/issue', {
      fields: { project: { key: 'LCOO' }, issuetype: { name: 'Task' }, summary: 'Deep property target' },
    });
    const key = (made.body as { key: string }).key;
    const over = await http(sb.url, 'PUT', `/rest/api/3/issue/${key}/properties/lcoo-vetting`, {
      headers: basic(ADMIN),
      body: nested(levels),
    });
    expect(over.status).toBe(400);
    expect(over.json()).toEqual({ errorMessages: ['The request body nests deeper than 1000 levels.'], errors: {} });
    const inProcess = await rest(
      sb,
      'app',
      'PUT',
      `/rest/api/3/issue/${key}/properties/lcoo-vetting`,
      JSON.parse(nested(Math.min(levels, 5000))),
    );
    expect(inProcess.status).toBe(400);
  });

  test('a property as deep as Jira allows is stored and indexed, and every app entry point reading it answers', async () => {
    await runSetup(sb);
    const key = await createIssue(sb, 'Roadmap Item', 'Deep but allowed');
    const deep = { schemaVersion: 2, index: { stage: 'prioritized', fst: JSON.parse(nested(990)) }, data: JSON.parse(nested(990)) };
    const put = await rest(sb, ADMIN, 'PUT', `/rest/api/3/issue/${key}/properties/lcoo-vetting`, deep);
    expect([200, 201]).toContain(put.status);
    const found = await rest(sb, ADMIN, 'GET', `/rest/api/3/search/jql?jql=${encodeURIComponent(`key = ${key} AND lcooFst = deep`)}`);
    expect(found.status).toBe(200);

    const panel = (await sb.host.invoke('lcoo-issue-panel', 'panel/load', {}, { asEmail: ADMIN, issueKey: key })) as { ok: boolean };
    expect(typeof panel.ok).toBe('boolean');
    const gadget = (await sb.host.invoke('lcoo-portfolio-gadget', 'portfolio/load', {}, { asEmail: ADMIN })) as { ok: boolean };
    expect(gadget.ok).toBe(true);
    const statuses = (await rest(sb, ADMIN, 'GET', `/rest/api/3/issue/${key}/transitions`)).body as {
      transitions: { to: { id: string } }[];
    };
    const from = ((await rest(sb, ADMIN, 'GET', `/rest/api/3/issue/${key}?fields=status`)).body as { fields: { status: { id: string } } })
      .fields.status.id;
    const verdict = await sb.host.runValidator({
      moduleKey: 'lcoo-stage-gate',
      issueKey: key,
      fromStatusId: from,
      toStatusId: statuses.transitions[0]!.to.id,
    });
    expect(verdict).toMatchObject({ result: false, errorMessage: expect.any(String) });
  });

  test('an invoke payload nested too deeply is a 400 from the sandbox, not a crash in the app', async () => {
    const body = `{"moduleKey":"lcoo-admin","target":{"kind":"admin"},"functionKey":"config/save","payload":${nested(5000)}}`;
    const r = await http(sb.url, 'POST', '/__forge/invoke', { headers: { ...cookieJson(ADMIN), origin: sb.url }, body });
    expect(r.status).toBe(400);
    expect(r.json()).toEqual({ message: expect.stringContaining('nests deeper than 1000 levels') });
  });
});

describe('oversized bodies are refused with 413, and the caller reads the answer', () => {
  test('an invoke body over 500 KB', async () => {
    const payload = { note: 'x'.repeat(600 * 1024) };
    const body = JSON.stringify({ moduleKey: 'lcoo-admin', target: { kind: 'admin' }, functionKey: 'config/save', payload });
    const r = await http(sb.url, 'POST', '/__forge/invoke', { headers: { ...cookieJson(ADMIN), origin: sb.url }, body });
    expect(r.status).toBe(413);
    expect(r.json()).toEqual({ message: expect.stringContaining('at most 512000 bytes') });
  });

  test('a REST body over the emulator’s limit', async () => {
    const r = await http(sb.url, 'POST', '/rest/api/3/issue', { headers: basic(ADMIN), body: `{"x":"${'y'.repeat(11 * 1024 * 1024)}"}` });
    expect(r.status).toBe(413);
    expect(r.json()).toMatchObject({ errorMessages: [expect.stringContaining('bytes')], errors: {} });
  });
});

describe('resolver keys the app does not define', () => {
  test.each(['no/such-key', 'constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'])(
    "'%s' is the envelope's NOT_FOUND over the bridge, not a 500 or an inherited member",
    async (functionKey) => {
      const body = JSON.stringify({ moduleKey: 'lcoo-admin', target: { kind: 'admin' }, functionKey, payload: {} });
      const r = await http(sb.url, 'POST', '/__forge/invoke', { headers: { ...cookieJson(ADMIN), origin: sb.url }, body });
      expect(r.status).toBe(200);
      expect(r.json()).toEqual({
        result: { ok: false, error: { code: 'NOT_FOUND', message: expect.stringContaining(`This app has no action "${functionKey}"`) } },
      });
    },
  );
});

describe('malformed requests', () => {
  test('JSON that does not parse, and a path with a broken %-escape, get Jira’s error format', async () => {
    const broken = await http(sb.url, 'POST', '/rest/api/3/issue', { headers: basic(ADMIN), body: '{"fields": ' });
    expect(broken.status).toBe(400);
    expect(broken.json()).toEqual({ errorMessages: ['The request body is not valid JSON.'], errors: {} });
    const escape = await http(sb.url, 'GET', '/rest/api/3/issue/%E0%A4%A/properties', { headers: basic(ADMIN) });
    expect(escape.status).toBe(404);
    expect(escape.json()).toMatchObject({ errorMessages: [expect.any(String)], errors: {} });
  });
});
