// A JiraClient whose requests go to an in-memory Jira emulator (sandbox/jira) as one principal:
// the app's Jira adapters and setup steps tested against the emulator without a Forge host.
import { JiraClient, type Requester } from '../../src/jira/client';
import type { JiraEmulator, Principal } from '../../sandbox/jira';

export function emulatorClient(em: JiraEmulator, principal: Principal = { kind: 'app' }): JiraClient {
  const requester: Requester = async (path, init) => {
    const res = await em.handle({
      method: init.method,
      path: path.value,
      principal,
      ...(init.body !== undefined ? { body: init.body } : {}),
    });
    const headers = Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k.toLowerCase(), v]));
    return {
      status: res.status,
      headers: { get: (n: string) => headers[n.toLowerCase()] ?? null },
      text: async () => (res.body === undefined ? '' : JSON.stringify(res.body)),
    };
  };
  return new JiraClient({ as: principal.kind === 'app' ? 'app' : 'user', requester, sleep: async () => undefined });
}
