// Holds manifest.yml and the code together: every function handler is exported, every
// resource folder is built with an index.html, every key a Custom UI app invokes is defined
// by its module's resolver, and the modules we rely on are declared the way we expect.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { startFiles } from '../../scripts/bundle-report';
import * as app from '../../src/index';

const root = join(__dirname, '..', '..');
interface Module {
  key: string;
  function?: string;
  resource?: string;
  resolver?: { function: string };
  [k: string]: unknown;
}
const manifest = parse(readFileSync(join(root, 'manifest.yml'), 'utf8')) as {
  modules: Record<string, Module[]> & { function: { key: string; handler: string }[] };
  resources: { key: string; path: string }[];
  permissions: { scopes: string[]; content?: { styles?: string[] } };
  app: { runtime: { name: string } };
};
const functions = new Map(manifest.modules.function.map((f) => [f.key, f.handler]));
const exported = app as unknown as Record<string, unknown>;

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sourceFiles(p) : /\.tsx?$/.test(name) ? [p] : [];
  });
}

/** Keys passed to static/shared/invoke.ts `call(...)` in a resource's source. */
function invokedKeys(resourceDir: string): string[] {
  const keys = new Set<string>();
  for (const file of sourceFiles(join(resourceDir, 'src'))) {
    for (const m of readFileSync(file, 'utf8').matchAll(/\bcall\b(?:<[^(]*>)?\(\s*['"]([a-z-]+\/[a-z-]+)['"]/g)) {
      keys.add(m[1]!);
    }
  }
  return [...keys];
}

describe('manifest.yml and the code', () => {
  test.each([...functions.entries()])('function %s: handler %s is exported by src/index.ts', (_key, handler) => {
    const [file, name] = handler.split('.');
    expect(file).toBe('index');
    expect(typeof exported[name!]).toBe('function');
  });

  test('src/index.ts exports nothing the manifest does not name', () => {
    const named = new Set([...functions.values()].map((h) => h.split('.')[1]));
    expect(Object.keys(exported).filter((k) => !named.has(k))).toEqual([]);
  });

  test.each(manifest.resources.map((r) => [r.key, r.path]))(
    'resource %s is built at %s with an index.html naming files it has',
    (_key, path) => {
      expect(existsSync(join(root, path, 'index.html'))).toBe(true);
      // Forge uploads the folder as built: every file index.html loads (hashed names) must be in it.
      const { js, css } = startFiles(join(root, path));
      expect(js.length).toBeGreaterThan(0);
      for (const f of [...js, ...css]) expect({ f, exists: existsSync(join(root, path, f)) }).toEqual({ f, exists: true });
    },
  );

  test('every module names functions and resources that exist', () => {
    const resources = new Set(manifest.resources.map((r) => r.key));
    for (const [type, list] of Object.entries(manifest.modules)) {
      if (type === 'function') continue;
      for (const m of list as Module[]) {
        if (m.function) expect(functions.has(m.function)).toBe(true);
        if (m.resolver) expect(functions.has(m.resolver.function)).toBe(true);
        if (m.resource) expect(resources.has(m.resource)).toBe(true);
      }
    }
  });

  // Each Custom UI app's invoke keys must be defined by the resolver of a module that uses
  // that resource: call the real @forge/resolver handler with no user, which answers our
  // FORBIDDEN envelope for a defined key and throws "no definition" for an unknown one.
  const resourceResolvers = new Map<string, string>();
  for (const [type, list] of Object.entries(manifest.modules)) {
    if (type === 'function') continue;
    for (const m of list as Module[]) {
      if (!m.resolver) continue;
      // A workflow validator names its resources under create/edit/view instead.
      const nested = (['create', 'edit', 'view'] as const).map((k) => (m[k] as { resource?: string } | undefined)?.resource);
      for (const r of [m.resource, ...nested]) if (r) resourceResolvers.set(r, m.resolver.function);
    }
  }
  test.each(manifest.resources.map((r) => [r.key, r.path]))('every key resource %s invokes is defined', async (key, path) => {
    const resolverFn = resourceResolvers.get(key);
    const keys = invokedKeys(join(root, path, '..'));
    if (keys.length === 0) return;
    expect(resolverFn).toBeDefined();
    const handlerName = functions.get(resolverFn!)!.split('.')[1]!;
    const handler = exported[handlerName] as (event: unknown, ctx: unknown) => Promise<unknown>;
    for (const functionKey of keys) {
      const answer = await handler({ call: { functionKey, payload: {} }, context: {} }, { principal: undefined });
      expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });

  test('the modules the app relies on are declared as we expect', () => {
    expect(manifest.app.runtime.name).toMatch(/^nodejs(20|22|24)\.x$/);
    expect(manifest.permissions.content?.styles).toContain('unsafe-inline');
    expect(manifest.permissions.scopes).toEqual(
      expect.arrayContaining(['read:jira-work', 'write:jira-work', 'manage:jira-configuration', 'storage:app']),
    );
    const gadget = manifest.modules['jira:dashboardGadget']![0]!;
    expect(gadget.edit).toEqual({ resource: gadget.resource });
    const validator = manifest.modules['jira:workflowValidator']![0]!;
    expect(validator.function).toBe('stage-gate-validator');
    for (const entry of ['create', 'edit', 'view']) expect(validator[entry]).toEqual({ resource: 'validator-config' });
    // Forge deploys at most one jira:globalPage per app (docs/platform-facts.md).
    expect(manifest.modules['jira:globalPage']!.map((m) => [m.key, m.resource, m.resolver])).toEqual([
      ['lcoo-roadmap-page', 'roadmap-page', { function: 'roadmap-resolver' }],
    ]);
    const props = manifest.modules['jira:entityProperty']!.map((p) => p.propertyKey);
    expect(props).toEqual(['lcoo-vetting', 'lcoo-delivery', 'lcoo-rank']);
    const values = manifest.modules['jira:entityProperty']!.flatMap((p) => p.values as { type: string }[]);
    expect(values.length).toBeLessThanOrEqual(100);
    for (const v of values) expect(['number', 'string', 'text', 'user', 'date']).toContain(v.type);
  });
});
