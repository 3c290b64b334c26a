// The contract as the only wire, checked by the compiler: `npm run lint` (tsc) fails if any
// line marked @ts-expect-error below compiles, i.e. if a wrong resolver key, a wrong payload
// or a wrong answer type stops being an error. The calls are never run: this file is about
// types (jest only checks that the maps and the callers exist).
import type { PanelData } from '../../../src/contract/panel';
import { ADMIN_WIRE, GADGET_WIRE, PANEL_WIRE, VALIDATOR_CONFIG_WIRE, type AdminWire, type PanelWire } from '../../../src/contract/wire';
import type { Handlers } from '../../../src/modules/shared/define-resolver';
import type { Caller } from '../../../static/shared/invoke';

function neverRun(): void {
  // The callers the apps make with makeCaller<...>() (not built here: @forge/bridge needs a Custom UI frame).
  const panel = undefined as unknown as Caller<PanelWire>;
  const admin = undefined as unknown as Caller<AdminWire>;

  // Right key, right payload, the answer typed by the wire.
  void panel.call('vetting/save', { revision: null, vetting: { type: 'new' } }).then((d: PanelData) => d.readiness);
  void panel.call('panel/load');
  void admin.call('setup/plan', { projectKey: 'LCOO' });

  // @ts-expect-error a key the panel's resolver does not have
  void panel.call('panel/lod', {});
  // @ts-expect-error a key of another resolver (the gadget's)
  void panel.call('portfolio/load', {});
  // @ts-expect-error a payload without the revision the save needs
  void panel.call('vetting/save', { vetting: { type: 'new' } });
  // @ts-expect-error a payload with a field of the wrong type
  void panel.call('vetting/save', { revision: '1', vetting: {} });
  // @ts-expect-error a checklist value the schema does not know
  void panel.call('vetting/save', { revision: null, vetting: { type: 'feature' } });
  // @ts-expect-error setup needs the project key
  void admin.call('setup/run');
  // @ts-expect-error the answer is SetupResult, not PanelData
  void admin.call('setup/status', { projectKey: 'LCOO' }).then((d: PanelData) => d);

  // Refusal details are the wire's: a field-by-field refusal is readable without a cast.
  void admin.call('config/get').catch((err: unknown) => {
    if (admin.isCallError(err) && err.details && 'fieldErrors' in err.details) return err.details.fieldErrors['fsts.0.name'];
    return undefined;
  });

  // The backend's handlers are typed by the same map.
  const handlers: Partial<Handlers<PanelWire>> = {
    'panel/load': { doing: 'load', run: () => Promise.resolve({} as PanelData) },
    // @ts-expect-error a handler whose answer is not the wire's
    'vetting/save': { doing: 'save', run: () => Promise.resolve({ saved: true }) },
  };
  // @ts-expect-error a handler for a key the wire does not have
  const extra: Partial<Handlers<PanelWire>> = { 'panel/unknown': { doing: 'x', run: () => Promise.resolve({} as PanelData) } };
  void handlers;
  void extra;
}

test('every resolver has one wire map, and the typed caller exists for the apps', () => {
  expect(typeof neverRun).toBe('function');
  for (const wire of [PANEL_WIRE, GADGET_WIRE, ADMIN_WIRE, VALIDATOR_CONFIG_WIRE]) {
    for (const endpoint of Object.values(wire)) expect(typeof endpoint.input.safeParse).toBe('function');
  }
  expect(Object.keys(PANEL_WIRE)).toEqual([
    'panel/load',
    'vetting/save',
    'delivery/save',
    'approvals/record',
    'approvals/withdraw',
    'record/restore',
    'delivery/refresh-upstream',
    'gerrit-account/save',
    'gerrit-account/remove',
    'history/list',
    'deliverables/list',
  ]);
});
