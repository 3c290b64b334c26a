// A jest worker runs test file after test file in one process: each file loads its own copy of
// the sandbox's runtime (and of its invocation store), while the global fetch is shared. An
// invocation of a later file must still go through its own sandbox's egress, not to the internet
// (this is how one CI run lost every Gerrit read of two suites to "fetch failed").
import type * as Runtime from '../../../sandbox/host/runtime';

function freshRuntime(): typeof Runtime {
  let mod: typeof Runtime | undefined;
  jest.isolateModules(() => {
    mod = jest.requireActual<typeof Runtime>('../../../sandbox/host/runtime');
  });
  return mod!;
}

const identity = (egress: Runtime.InvocationIdentity['egress']): Runtime.InvocationIdentity => ({
  appId: 'test-app',
  environmentId: 'env',
  installationId: 'install',
  appVersion: '1',
  moduleKey: 'm',
  moduleType: 'core:function',
  functionKey: 'f',
  scopes: [],
  timeoutMs: 25_000,
  backend: () => Promise.reject(new Error('no backend in this test')),
  ...(egress ? { egress } : {}),
});

test("an invocation of the second file's copy goes through that copy's egress", async () => {
  const first = freshRuntime();
  first.installForgeGlobals();
  const second = freshRuntime();
  second.installForgeGlobals();
  const seen: string[] = [];
  const egress = (url: string) => {
    seen.push(url);
    return Promise.resolve(new Response('ok', { status: 200 }));
  };
  // The app's @forge/api is loaded natively, so it fetches with the main context's global fetch.
  const appFetch = second.mainGlobal.fetch;
  const res = await second.runInvocation(identity(egress), () => appFetch('https://review.opendev.org/changes/?q=1'));
  expect(await res.text()).toBe('ok');
  expect(seen).toEqual(['https://review.opendev.org/changes/?q=1']);
});
