import { AppError } from '../../../src/contract/envelope';
import { DEFAULT_GADGET_CONFIG, GadgetConfigSchema } from '../../../src/contract/gadget';
import { resolveGadgetConfig } from '../../../src/modules/gadget/gadget-config';

describe('GadgetConfigSchema', () => {
  it('fills every default for an empty configuration', () => {
    expect(DEFAULT_GADGET_CONFIG).toEqual({
      version: 1,
      scope: { kind: 'projects', projectKeys: [] },
      filters: {},
      columns: ['summary', 'fst', 'type', 'size', 'stage', 'release', 'companies', 'completeness', 'blockers', 'slipped'],
      refreshMinutes: 0,
    });
  });
  it('upper-cases project keys and keeps columns in table order', () => {
    const c = GadgetConfigSchema.parse({
      scope: { kind: 'projects', projectKeys: [' lcoo '] },
      columns: ['slipped', 'summary', 'slipped'],
    });
    expect(c.scope).toEqual({ kind: 'projects', projectKeys: ['LCOO'] });
    expect(c.columns).toEqual(['summary', 'slipped']);
  });
  it('refuses keys that could inject JQL, unknown stages, odd refresh intervals and no columns', () => {
    expect(GadgetConfigSchema.safeParse({ scope: { kind: 'projects', projectKeys: ['A") OR ("1'] } }).success).toBe(false);
    expect(GadgetConfigSchema.safeParse({ filters: { stages: ['done'] } }).success).toBe(false);
    expect(GadgetConfigSchema.safeParse({ refreshMinutes: 1 }).success).toBe(false);
    expect(GadgetConfigSchema.safeParse({ columns: [] }).success).toBe(false);
    expect(GadgetConfigSchema.safeParse({ scope: { kind: 'jql', jql: '   ' } }).success).toBe(false);
  });
});

describe('resolveGadgetConfig', () => {
  const saved = { scope: { kind: 'jql', jql: 'project = NET' }, refreshMinutes: 15 };
  it("prefers the configuration Jira stores for the gadget over the page's copy", () => {
    const r = resolveGadgetConfig({ gadgetConfiguration: saved }, { scope: { kind: 'projects', projectKeys: ['X'] } });
    expect(r.source).toBe('gadget');
    expect(r.config.scope).toEqual({ kind: 'jql', jql: 'project = NET' });
    expect(r.config.refreshMinutes).toBe(15);
  });
  it("uses the page's copy when Jira holds none, then the defaults", () => {
    expect(resolveGadgetConfig({ gadgetConfiguration: {} }, saved).source).toBe('request');
    expect(resolveGadgetConfig(undefined, undefined)).toEqual({ config: DEFAULT_GADGET_CONFIG, source: 'default' });
  });
  it('says how to fix a stored configuration that no longer parses', () => {
    let err: unknown;
    try {
      resolveGadgetConfig({ gadgetConfiguration: { refreshMinutes: 'often' } }, undefined);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('BAD_REQUEST');
    expect((err as AppError).message).toMatch(/refreshMinutes.*choose Edit, and save its settings again/);
  });
});
