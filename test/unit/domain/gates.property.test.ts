import fc from 'fast-check';
import {
  CHECKLIST_ITEM_BY_ID,
  CHECKLIST_ITEM_IDS,
  GateConfigSchema,
  ITEM_TYPES,
  OPENSTACK_PROJECTS,
  BUILTIN_CALENDAR,
  BUILTIN_RELEASES,
  VettingSchema,
  checklistStatus,
  defaultGateConfig,
  migrateVetting,
  releasesOpenForTargeting,
  type ChecklistItemId,
  type Vetting,
} from '../../../src/domain';
import { evaluateGate } from '../../fixtures/evaluate-gate';
import { makeApproval } from '../../fixtures/builders';

/** Text that says something (the checklist ignores blank answers). */
const words = fc.string({ minLength: 1, maxLength: 120 }).filter((s) => s.trim() !== '');
const url = fc.webUrl({ size: 'small' });

/** A moment from Ocata's planning to just before Indri ships, so some release is always open. */
const nowArb = fc.date({ min: new Date('2016-11-27T00:00:00Z'), max: new Date('2027-03-23T00:00:00Z'), noInvalidDate: true });

/** A vetting record whose 12 checklist answers are complete at `now`, varied every way the schema allows. */
function completeVetting(now: Date): fc.Arbitrary<Vetting> {
  const open = releasesOpenForTargeting(BUILTIN_CALENDAR, now).map((r) => r.id);
  return fc.record(
    {
      schemaVersion: fc.constant(2 as const),
      fst: fc.option(words, { nil: undefined }),
      type: fc.constantFrom(...ITEM_TYPES),
      requirements: fc.array(words, { minLength: 1, maxLength: 3 }),
      acceptanceCriteria: fc.array(words, { minLength: 1, maxLength: 3 }),
      components: fc.uniqueArray(fc.constantFrom(...OPENSTACK_PROJECTS), { minLength: 1, maxLength: 4 }),
      stakeholders: fc.array(fc.record({ name: words, company: words, role: words }), { minLength: 1, maxLength: 3 }),
      artifacts: fc.array(
        fc.record({
          kind: fc.constantFrom('story' as const, 'design' as const, 'code' as const, 'other' as const),
          url,
          title: fc.string({ maxLength: 40 }),
        }),
        {
          minLength: 1,
          maxLength: 3,
        },
      ),
      size: fc.constantFrom('S' as const, 'M' as const, 'L' as const, 'XL' as const),
      valueToMembers: words,
      valueToCommunity: words,
      blueprints: fc.record({
        searched: fc.constant(true),
        findings: fc.array(fc.record({ url, summary: words }), { maxLength: 2 }),
        conclusion: words,
      }),
      communityAlignment: fc.array(
        fc.record({
          channel: fc.constantFrom(
            'ptl-cores' as const,
            'irc' as const,
            'mailing-list' as const,
            'ptg' as const,
            'forum' as const,
            'mid-cycle' as const,
          ),
          notes: words,
        }),
        { minLength: 1, maxLength: 3 },
      ),
      collaborators: fc.record({
        companies: fc.array(
          fc.record({
            company: words,
            interest: fc.constant('yes' as const),
            people: fc.array(fc.record({ name: words }), { maxLength: 2 }),
          }),
          { minLength: 1, maxLength: 3 },
        ),
        workingGroups: fc.array(words, { maxLength: 2 }),
      }),
      targetRelease: fc.constantFrom(...open),
      approvals: fc.subarray([makeApproval('fst-prioritization'), makeApproval('lrc-prioritization')]),
    },
    {
      requiredKeys: [
        'schemaVersion',
        'type',
        'requirements',
        'acceptanceCriteria',
        'components',
        'stakeholders',
        'artifacts',
        'size',
        'valueToMembers',
        'valueToCommunity',
        'blueprints',
        'communityAlignment',
        'collaborators',
        'targetRelease',
        'approvals',
      ],
    },
  );
}

const completeAt = nowArb.chain((now) => completeVetting(now).map((vetting) => ({ now, vetting })));

/** Takes away the evidence of one checklist item, in one of the ways people leave it out. */
function withoutItem(v: Vetting, id: ChecklistItemId, variant: number, now: Date): Vetting {
  const out: Vetting = structuredClone(v);
  switch (id) {
    case 'type':
      delete out.type;
      break;
    case 'requirements':
      if (variant % 2) out.requirements = [];
      else delete out.acceptanceCriteria;
      break;
    case 'components':
      out.components = [];
      break;
    case 'stakeholders':
      if (variant % 2) delete out.stakeholders;
      else out.stakeholders = out.stakeholders!.map((s) => ({ ...s, role: '' }));
      break;
    case 'artifacts':
      delete out.artifacts;
      if (out.notes) delete out.notes.artifacts;
      break;
    case 'size':
      delete out.size;
      break;
    case 'valueToMembers':
      out.valueToMembers = variant % 2 ? '' : '   ';
      break;
    case 'valueToCommunity':
      delete out.valueToCommunity;
      break;
    case 'blueprints':
      if (variant % 2) out.blueprints = { ...out.blueprints!, searched: false };
      else delete out.blueprints!.conclusion;
      break;
    case 'communityAlignment':
      out.communityAlignment = variant % 2 ? [] : out.communityAlignment!.map((e) => ({ ...e, notes: '' }));
      break;
    case 'collaborators':
      out.collaborators = {
        companies: out.collaborators!.companies.map((c) => ({ ...c, interest: variant % 2 ? 'no' : 'undecided' })),
        workingGroups: [],
      };
      break;
    case 'targetRelease': {
      const shipped = BUILTIN_RELEASES.filter((r) => Date.parse(r.firstReleaseDate) <= now.getTime());
      if (variant % 2 && shipped.length) out.targetRelease = shipped[variant % shipped.length]!.id;
      else delete out.targetRelease;
      break;
    }
  }
  return out;
}

describe('gate properties', () => {
  it('a complete checklist always passes the checklist part of the Prioritized gate', () => {
    fc.assert(
      fc.property(completeAt, ({ now, vetting }) => {
        expect(VettingSchema.safeParse(vetting).success).toBe(true);
        expect(checklistStatus(vetting, { nowMs: now.getTime(), calendar: BUILTIN_CALENDAR }).completed).toBe(12);
        const r = evaluateGate(
          'prioritized',
          { lifecycle: 'portfolio', from: 'being-vetted', vetting, integrity: 'valid' },
          defaultGateConfig,
          now,
        );
        expect(r.missing.filter((m) => m.requirement.startsWith('checklist:'))).toEqual([]);
        // With both prioritizations recorded, nothing else stands in the way.
        expect(r.pass).toBe((vetting.approvals ?? []).length === 2);
      }),
      { numRuns: 200 },
    );
  });

  it('removing any one required item fails the gate with a message naming that item', () => {
    fc.assert(
      fc.property(
        completeAt,
        fc.constantFrom(...CHECKLIST_ITEM_IDS),
        fc.nat(),
        fc.subarray([...CHECKLIST_ITEM_IDS]),
        ({ now, vetting }, id, variant, others) => {
          // As the app reads it: parsed (text trimmed) before any gate looks at it.
          const broken = VettingSchema.parse(withoutItem(vetting, id, variant, now));
          const label = CHECKLIST_ITEM_BY_ID[id].label;
          // Default settings (all 12) and a configured subset that includes the item.
          for (const config of [
            defaultGateConfig,
            GateConfigSchema.parse({ requiredChecklist: { prioritized: [...new Set([id, ...others])] } }),
          ]) {
            const r = evaluateGate(
              'prioritized',
              { lifecycle: 'portfolio', from: 'being-vetted', vetting: broken, integrity: 'valid' },
              config,
              now,
            );
            expect(r.pass).toBe(false);
            const checklistMisses = r.missing.filter((m) => m.requirement.startsWith('checklist:'));
            expect(checklistMisses).toHaveLength(1);
            expect(checklistMisses[0]!.requirement).toBe(`checklist:${id}`);
            expect(checklistMisses[0]!.message.startsWith(`${label}: `)).toBe(true);
          }
          const item = checklistStatus(broken, { nowMs: now.getTime(), calendar: BUILTIN_CALENDAR }).items.find((i) => i.id === id)!;
          expect(item.complete).toBe(false);
          expect(item.missing).toContain(label);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('no input makes migrateVetting throw, and whatever it accepts the gate can read', () => {
    // Stored records reach the gate only through migrateVetting / the record schemas: the gate
    // itself works on parsed records.
    fc.assert(
      fc.property(fc.anything(), (raw) => {
        const m = migrateVetting(raw);
        expect(typeof m.ok).toBe('boolean');
        if (m.ok) {
          const r = evaluateGate(
            'prioritized',
            { lifecycle: 'portfolio', from: 'being-vetted', vetting: m.vetting, integrity: 'valid' },
            defaultGateConfig,
            new Date('2026-11-25'),
          );
          expect(typeof r.pass).toBe('boolean');
          expect(checklistStatus(m.vetting, { nowMs: Date.parse('2026-11-25'), calendar: BUILTIN_CALENDAR }).items).toHaveLength(12);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('migrateVetting upgrades any version 1 record of strings to a valid version 2 record', () => {
    const v1 = fc.record(
      {
        schemaVersion: fc.constant(1 as const),
        fst: fc.string({ maxLength: 300 }),
        type: fc.string(),
        requirements: fc.string({ maxLength: 3000 }),
        components: fc.array(fc.oneof(fc.constantFrom(...OPENSTACK_PROJECTS), fc.string()), { maxLength: 8 }).map((a) => a.join(', ')),
        stakeholders: fc.string({ maxLength: 500 }),
        artifacts: fc.array(fc.oneof(fc.webUrl(), fc.string()), { maxLength: 6 }).map((a) => a.join(' ')),
        size: fc.constantFrom('s' as const, 'm' as const, 'l' as const, 'xl' as const),
        blueprintsInvestigated: fc.boolean(),
        blueprintFindings: fc.string({ maxLength: 500 }),
        communityAlignment: fc.string({ maxLength: 500 }),
        targetRelease: fc.oneof(fc.constantFrom(...BUILTIN_RELEASES.map((r) => r.name)), fc.string()),
        deliveryStream: fc.string(),
      },
      { requiredKeys: ['schemaVersion'] },
    );
    fc.assert(
      fc.property(v1, (raw) => {
        const r = migrateVetting(raw);
        if (!r.ok) throw new Error(r.error);
        expect(VettingSchema.safeParse(r.vetting).success).toBe(true);
        expect(migrateVetting(r.vetting)).toEqual(r);
      }),
      { numRuns: 300 },
    );
  });
});
