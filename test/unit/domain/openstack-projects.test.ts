// Issue 11, item 11: the OpenStack project list against openstack/governance
// reference/projects.yaml and legacy.yaml (August 2026), and records that name a project
// that has since retired or been respelled.
import {
  DeliverySchema,
  OPENSTACK_PROJECTS,
  OPENSTACK_PROJECT_LIST,
  VettingSchema,
  canonicalProjectName,
  deliveryReferenceProblems,
  isOpenStackProject,
  projectByName,
  vettingReferenceProblems,
  BUILTIN_CALENDAR,
} from '../../../src/domain';
import { panelOptions } from '../../../src/modules/panel/options';
import { DEFAULT_APP_CONFIG } from '../../../src/domain/app-config';
import { makeCompleteVetting, makeDelivery, makeVetting } from '../../fixtures/builders';

describe('the OpenStack project list', () => {
  it('does not offer retired projects, and says when and why they left', () => {
    for (const name of ['Venus', 'Kuryr', 'TripleO']) {
      expect(OPENSTACK_PROJECTS).not.toContain(name);
      expect(isOpenStackProject(name)).toBe(false);
      expect(projectByName(name)?.status).toBe('retired');
    }
    expect(projectByName('Venus')?.retiredOn).toBe('2026-06-02');
    expect(projectByName('TripleO')?.retiredOn).toBe('2024-01-09');
    expect(projectByName('Kuryr')).toMatchObject({ retiredOn: '2024-10-17', note: expect.stringMatching(/continue under the Zun team/) });
    // What remains of Kuryr is a Zun deliverable.
    expect(projectByName('kuryr-libnetwork')).toMatchObject({ status: 'active', team: 'Zun' });
  });

  it('knows Zuul is not an OpenStack project, and spells CloudKitty as governance does', () => {
    expect(OPENSTACK_PROJECTS).not.toContain('Zuul');
    expect(projectByName('Zuul')?.status).toBe('not-openstack');
    expect(OPENSTACK_PROJECTS).toContain('CloudKitty');
    expect(OPENSTACK_PROJECTS).not.toContain('Cloudkitty');
    expect(canonicalProjectName('Cloudkitty')).toBe('CloudKitty');
  });

  it('has the teams and deliverables that were missing, each under its governance team', () => {
    for (const team of ['Rally', 'Puppet OpenStack', 'OpenStack Charms', 'Sunbeam', 'Adjutant']) {
      expect(projectByName(team)).toMatchObject({ status: 'active', team });
    }
    expect(projectByName('Grenade')?.team).toBe('Quality Assurance');
    expect(projectByName('Kayobe')?.team).toBe('Kolla');
    expect(projectByName('os-vif')?.team).toBe('Nova');
    expect(projectByName('neutron-dynamic-routing')?.team).toBe('Neutron');
    expect(projectByName('ovn-bgp-agent')?.team).toBe('Neutron');
    expect(OPENSTACK_PROJECTS).toEqual(
      expect.arrayContaining(['Rally', 'Grenade', 'Kayobe', 'os-vif', 'neutron-dynamic-routing', 'ovn-bgp-agent']),
    );
    expect(new Set(OPENSTACK_PROJECT_LIST.map((p) => p.name.toLowerCase())).size).toBe(OPENSTACK_PROJECT_LIST.length);
  });

  it('names only specs repositories governance lists', () => {
    expect(projectByName('Nova')?.specsRepo).toBe('openstack/nova-specs');
    expect(projectByName('Tempest')?.specsRepo).toBe('openstack/qa-specs');
    expect(projectByName('OpenStack Charms')?.specsRepo).toBe('openstack/charm-specs');
    // No placement-specs, skyline-specs, kolla-specs or zuul-specs exist.
    for (const name of ['Placement', 'Skyline', 'Kolla', 'Zuul', 'Octavia', 'Swift'])
      expect(projectByName(name)?.specsRepo).toBeUndefined();
    const repos = new Set(OPENSTACK_PROJECT_LIST.flatMap((p) => (p.specsRepo ? [p.specsRepo] : [])));
    expect([...repos].every((r) => /^openstack\/[a-z]+(-[a-z]+)?-specs$/.test(r))).toBe(true);
  });
});

describe('records naming a retired or respelled project', () => {
  it('still read, respelled as governance spells it now', () => {
    const v = VettingSchema.parse(makeVetting({ components: ['Venus', 'Cloudkitty', 'Zuul', 'Nova'] }));
    expect(v.components).toEqual(['Venus', 'CloudKitty', 'Zuul', 'Nova']);
    expect(DeliverySchema.parse(makeDelivery({ project: 'Kuryr' })).project).toBe('Kuryr');
    expect(VettingSchema.safeParse(makeVetting({ components: ['Nova Compute'] })).success).toBe(false);
  });

  it('keep them on a save, but a save may not add one', () => {
    const stored = VettingSchema.parse(makeCompleteVetting({ components: ['Venus', 'Nova'] }));
    expect(vettingReferenceProblems(stored, stored, BUILTIN_CALENDAR)).toEqual([]);
    expect(
      vettingReferenceProblems(VettingSchema.parse(makeCompleteVetting({ components: ['TripleO'] })), stored, BUILTIN_CALENDAR),
    ).toEqual([{ field: 'components', message: 'TripleO is retired in January 2024; pick an active OpenStack project.' }]);
    expect(
      vettingReferenceProblems(VettingSchema.parse(makeVetting({ components: ['Zuul'] })), undefined, BUILTIN_CALENDAR)[0]?.message,
    ).toMatch(/^Zuul is not an OpenStack project/);
    const kuryr = DeliverySchema.parse(makeDelivery({ project: 'Kuryr' }));
    expect(deliveryReferenceProblems(kuryr, kuryr, BUILTIN_CALENDAR)).toEqual([]);
    expect(deliveryReferenceProblems(kuryr, undefined, BUILTIN_CALENDAR)[0]?.field).toBe('project');
  });

  it('are shown in the panel with why the project is not offered', () => {
    const options = panelOptions(DEFAULT_APP_CONFIG, BUILTIN_CALENDAR, new Date('2026-11-25T12:00:00Z'));
    expect(options.projects).not.toContain('Venus');
    expect(options.projectNotices['Venus']).toBe('retired in June 2026');
    expect(options.projectNotices['Zuul']).toMatch(/not an OpenStack project/);
  });
});
