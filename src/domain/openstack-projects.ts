/**
 * OpenStack projects for the "Impacted components" multi-select (checklist item 3) and the
 * project of an Upstream Deliverable: the project teams of openstack/governance
 * reference/projects.yaml and the deliverables operators name on their own (Placement under
 * Nova, Tempest under Quality Assurance, ...), each with the service it provides so a committee
 * member who thinks "block storage" finds Cinder, the team that owns it, and the team's specs
 * repository where it has one. Read against governance as of August 2026.
 *
 * Projects that left (reference/legacy.yaml) stay known, so a record that names one still
 * reads and shows it as retired; they are never offered for new choices. Zuul was listed
 * once by mistake: it is an OpenInfra project, not an OpenStack one.
 */

export type ProjectStatus = 'active' | 'retired' | 'not-openstack';

export interface OpenStackProject {
  name: string;
  service: string;
  /** The governance team that owns it (its own name for a team). */
  team: string;
  status: ProjectStatus;
  /** When governance retired it (YYYY-MM-DD). */
  retiredOn?: string;
  /** What a person needs to know about a project that is not offered any more. */
  note?: string;
  /** The team's specifications repository, where specs for this project are reviewed ("openstack/nova-specs"). */
  specsRepo?: string;
  /** The Launchpad project whose blueprints track it ("nova"). */
  launchpad?: string;
  /** Earlier spellings records may hold ("Cloudkitty"). */
  formerly?: readonly string[];
}

type Entry = Omit<OpenStackProject, 'status' | 'team'> & { team?: string; status?: ProjectStatus };

const specs = (repo: string) => `openstack/${repo}`;

const ENTRIES: Entry[] = [
  // Project teams (projects.yaml), with their specs repositories where governance lists one.
  { name: 'Adjutant', service: 'Operations processes automation', launchpad: 'adjutant' },
  { name: 'Barbican', service: 'Key manager', specsRepo: specs('barbican-specs'), launchpad: 'barbican' },
  { name: 'Blazar', service: 'Resource reservation', specsRepo: specs('blazar-specs'), launchpad: 'blazar' },
  { name: 'Cinder', service: 'Block storage', specsRepo: specs('cinder-specs'), launchpad: 'cinder' },
  { name: 'CloudKitty', service: 'Rating', specsRepo: specs('cloudkitty-specs'), launchpad: 'cloudkitty', formerly: ['Cloudkitty'] },
  { name: 'Cyborg', service: 'Accelerator life cycle management', specsRepo: specs('cyborg-specs'), launchpad: 'openstack-cyborg' },
  { name: 'Designate', service: 'DNS', specsRepo: specs('designate-specs'), launchpad: 'designate' },
  { name: 'Freezer', service: 'Backup and restore', specsRepo: specs('freezer-specs'), launchpad: 'freezer' },
  { name: 'Glance', service: 'Image', specsRepo: specs('glance-specs'), launchpad: 'glance' },
  { name: 'Heat', service: 'Orchestration', specsRepo: specs('heat-specs'), launchpad: 'heat' },
  { name: 'Horizon', service: 'Dashboard', launchpad: 'horizon' },
  { name: 'Ironic', service: 'Bare metal provisioning', specsRepo: specs('ironic-specs'), launchpad: 'ironic' },
  { name: 'Keystone', service: 'Identity', specsRepo: specs('keystone-specs'), launchpad: 'keystone' },
  { name: 'Kolla', service: 'Containerised deployment of OpenStack', launchpad: 'kolla' },
  { name: 'Magnum', service: 'Container infrastructure management', specsRepo: specs('magnum-specs'), launchpad: 'magnum' },
  { name: 'Manila', service: 'Shared file systems', specsRepo: specs('manila-specs'), launchpad: 'manila' },
  { name: 'Masakari', service: 'Instances high availability', specsRepo: specs('masakari-specs'), launchpad: 'masakari' },
  { name: 'Mistral', service: 'Workflow', specsRepo: specs('mistral-specs'), launchpad: 'mistral' },
  { name: 'Neutron', service: 'Networking', specsRepo: specs('neutron-specs'), launchpad: 'neutron' },
  { name: 'Nova', service: 'Compute', specsRepo: specs('nova-specs'), launchpad: 'nova' },
  { name: 'Octavia', service: 'Load balancer', launchpad: 'octavia' },
  { name: 'OpenStack Charms', service: 'Juju charms for deploying OpenStack', specsRepo: specs('charm-specs') },
  {
    name: 'OpenStack-Ansible',
    service: 'Deployment with Ansible',
    specsRepo: specs('openstack-ansible-specs'),
    launchpad: 'openstack-ansible',
  },
  { name: 'OpenStack-Helm', service: 'Helm charts for OpenStack services' },
  { name: 'OpenStackSDK', service: 'SDK and command-line client' },
  { name: 'Oslo', service: 'Common libraries', specsRepo: specs('oslo-specs'), launchpad: 'oslo' },
  { name: 'Puppet OpenStack', service: 'Puppet modules for deployment' },
  { name: 'Quality Assurance', service: 'Testing tools and gate infrastructure', specsRepo: specs('qa-specs') },
  { name: 'Rally', service: 'Benchmarking' },
  { name: 'Release Management', service: 'Release tooling and the release calendar' },
  { name: 'Requirements', service: 'Common dependency management' },
  { name: 'Skyline', service: 'Dashboard (next generation)' },
  { name: 'Storlets', service: 'Compute inside object storage' },
  { name: 'Sunbeam', service: 'Deployment and operational tooling' },
  { name: 'Swift', service: 'Object storage', launchpad: 'swift' },
  { name: 'Tacker', service: 'NFV orchestration', specsRepo: specs('tacker-specs'), launchpad: 'tacker' },
  { name: 'Telemetry', service: 'Telemetry', specsRepo: specs('telemetry-specs') },
  { name: 'Trove', service: 'Database', specsRepo: specs('trove-specs'), launchpad: 'trove' },
  { name: 'Vitrage', service: 'Root cause analysis', specsRepo: specs('vitrage-specs'), launchpad: 'vitrage' },
  { name: 'Watcher', service: 'Infrastructure optimization', specsRepo: specs('watcher-specs'), launchpad: 'watcher' },
  { name: 'Zaqar', service: 'Messaging', specsRepo: specs('zaqar-specs'), launchpad: 'zaqar' },
  { name: 'Zun', service: 'Containers', launchpad: 'zun' },

  // Deliverables people name on their own, under their team.
  { name: 'Aodh', team: 'Telemetry', service: 'Telemetry alarming', specsRepo: specs('telemetry-specs'), launchpad: 'aodh' },
  {
    name: 'Ceilometer',
    team: 'Telemetry',
    service: 'Telemetry data collection',
    specsRepo: specs('telemetry-specs'),
    launchpad: 'ceilometer',
  },
  { name: 'Placement', team: 'Nova', service: 'Resource placement', launchpad: 'placement' },
  { name: 'os-vif', team: 'Nova', service: 'VIF plugging for Nova and Neutron', specsRepo: specs('nova-specs'), launchpad: 'os-vif' },
  { name: 'os-brick', team: 'Cinder', service: 'Volume attachment library', specsRepo: specs('cinder-specs'), launchpad: 'os-brick' },
  { name: 'DevStack', team: 'Quality Assurance', service: 'Development environment', specsRepo: specs('qa-specs'), launchpad: 'devstack' },
  { name: 'Tempest', team: 'Quality Assurance', service: 'Integration testing', specsRepo: specs('qa-specs'), launchpad: 'tempest' },
  { name: 'Grenade', team: 'Quality Assurance', service: 'Upgrade testing', specsRepo: specs('qa-specs'), launchpad: 'grenade' },
  { name: 'Kolla-Ansible', team: 'Kolla', service: 'Deployment of Kolla containers with Ansible', launchpad: 'kolla-ansible' },
  { name: 'Kayobe', team: 'Kolla', service: 'Bare metal and Kolla deployment', launchpad: 'kayobe' },
  { name: 'Bifrost', team: 'Ironic', service: 'Standalone Ironic with Ansible', specsRepo: specs('ironic-specs'), launchpad: 'bifrost' },
  {
    name: 'neutron-dynamic-routing',
    team: 'Neutron',
    service: 'BGP speaker for Neutron',
    specsRepo: specs('neutron-specs'),
    launchpad: 'neutron',
  },
  { name: 'ovn-bgp-agent', team: 'Neutron', service: 'BGP for OVN', specsRepo: specs('neutron-specs'), launchpad: 'neutron' },
  {
    name: 'networking-sfc',
    team: 'Neutron',
    service: 'Service function chaining',
    specsRepo: specs('neutron-specs'),
    launchpad: 'neutron',
  },
  {
    name: 'ovn-octavia-provider',
    team: 'Neutron',
    service: 'OVN load balancers for Octavia',
    specsRepo: specs('neutron-specs'),
    launchpad: 'neutron',
  },
  { name: 'kuryr-libnetwork', team: 'Zun', service: 'Docker networking through Neutron', launchpad: 'kuryr-libnetwork' },

  // Retired (reference/legacy.yaml): kept so records naming them still read.
  {
    name: 'Kuryr',
    service: 'Container networking',
    status: 'retired',
    retiredOn: '2024-10-17',
    note: 'the Kuryr team was retired in October 2024; kuryr and kuryr-libnetwork continue under the Zun team',
  },
  { name: 'TripleO', service: 'Deployment', status: 'retired', retiredOn: '2024-01-09', note: 'retired in January 2024' },
  { name: 'Venus', service: 'Log management', status: 'retired', retiredOn: '2026-06-02', note: 'retired in June 2026' },
  { name: 'Monasca', service: 'Monitoring', status: 'retired', retiredOn: '2025-08-11', note: 'retired in August 2025' },
  { name: 'Murano', service: 'Application catalog', status: 'retired', retiredOn: '2024-05-10', note: 'retired in May 2024' },
  { name: 'Sahara', service: 'Data processing', status: 'retired', retiredOn: '2024-05-10', note: 'retired in May 2024' },
  { name: 'Senlin', service: 'Clustering', status: 'retired', retiredOn: '2024-05-10', note: 'retired in May 2024' },
  {
    name: 'Zuul',
    service: 'Project gating',
    status: 'not-openstack',
    note: 'not an OpenStack project: Zuul is an OpenInfra project that OpenStack uses for CI',
  },
];

export const OPENSTACK_PROJECT_LIST: readonly OpenStackProject[] = Object.freeze(
  ENTRIES.map((e) => Object.freeze({ ...e, team: e.team ?? e.name, status: e.status ?? 'active' })).sort((a, b) =>
    a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }),
  ),
);

/** The active names, sorted: what the pickers offer. */
export const OPENSTACK_PROJECTS: readonly string[] = Object.freeze(
  OPENSTACK_PROJECT_LIST.filter((p) => p.status === 'active').map((p) => p.name),
);

const BY_LOWER = new Map<string, OpenStackProject>();
for (const p of OPENSTACK_PROJECT_LIST) {
  BY_LOWER.set(p.name.toLowerCase(), p);
  for (const old of p.formerly ?? []) BY_LOWER.set(old.toLowerCase(), p);
}

/** The project a name stands for, in any case or an earlier spelling. */
export function projectByName(name: string): OpenStackProject | undefined {
  return typeof name === 'string' ? BY_LOWER.get(name.trim().toLowerCase()) : undefined;
}

/** Whether a name is an active OpenStack project, spelled as the list spells it: what a new choice must be. */
export function isOpenStackProject(name: string): boolean {
  const p = typeof name === 'string' ? BY_LOWER.get(name.toLowerCase()) : undefined;
  return p?.status === 'active' && p.name === name;
}

/** Whether a stored record may name it: any project the app knows, retired or spelled as before. */
export function isKnownProject(name: string): boolean {
  return projectByName(name) !== undefined;
}

/** The canonical spelling of a project name typed in any case or spelled as before ("nova " -> "Nova", "Cloudkitty" -> "CloudKitty"). */
export function canonicalProjectName(name: string): string | undefined {
  return projectByName(name)?.name;
}

/** Why a project is not offered any more ("retired in June 2026"), or undefined for an active one. */
export function projectNotice(name: string): string | undefined {
  const p = projectByName(name);
  if (!p || p.status === 'active') return undefined;
  return p.note ?? (p.status === 'retired' ? 'retired' : 'not an OpenStack project');
}
