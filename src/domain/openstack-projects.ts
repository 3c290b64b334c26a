/**
 * OpenStack project names for the "Impacted component(s)" multi-select (checklist item 3)
 * and the project of an Upstream Deliverable. Real project names as the OpenStack
 * governance project list spells them, with the service each provides so a committee
 * member who thinks "block storage" finds Cinder.
 */
export interface OpenStackProject {
  name: string;
  service: string;
}

export const OPENSTACK_PROJECT_LIST: readonly OpenStackProject[] = Object.freeze(
  [
    { name: 'Aodh', service: 'Telemetry alarming' },
    { name: 'Barbican', service: 'Key manager' },
    { name: 'Blazar', service: 'Resource reservation' },
    { name: 'Ceilometer', service: 'Telemetry data collection' },
    { name: 'Cinder', service: 'Block storage' },
    { name: 'Cloudkitty', service: 'Rating' },
    { name: 'Cyborg', service: 'Accelerator management' },
    { name: 'Designate', service: 'DNS' },
    { name: 'Freezer', service: 'Backup, restore and disaster recovery' },
    { name: 'Glance', service: 'Image' },
    { name: 'Heat', service: 'Orchestration' },
    { name: 'Horizon', service: 'Dashboard' },
    { name: 'Ironic', service: 'Bare metal provisioning' },
    { name: 'Keystone', service: 'Identity' },
    { name: 'Kolla', service: 'Container images and deployment' },
    { name: 'Kuryr', service: 'Container networking' },
    { name: 'Magnum', service: 'Container orchestration engine provisioning' },
    { name: 'Manila', service: 'Shared file systems' },
    { name: 'Masakari', service: 'Instances high availability' },
    { name: 'Mistral', service: 'Workflow' },
    { name: 'Neutron', service: 'Networking' },
    { name: 'Nova', service: 'Compute' },
    { name: 'Octavia', service: 'Load balancer' },
    { name: 'OpenStack-Ansible', service: 'Deployment with Ansible' },
    { name: 'OpenStack-Helm', service: 'Deployment on Kubernetes with Helm' },
    { name: 'OpenStackSDK', service: 'SDK and command-line client' },
    { name: 'Oslo', service: 'Common libraries' },
    { name: 'Placement', service: 'Resource placement' },
    { name: 'Skyline', service: 'Dashboard (next generation)' },
    { name: 'Swift', service: 'Object storage' },
    { name: 'Tacker', service: 'NFV orchestration' },
    { name: 'Tempest', service: 'Integration testing (QA)' },
    { name: 'TripleO', service: 'Deployment (retired)' },
    { name: 'Trove', service: 'Database as a service' },
    { name: 'Vitrage', service: 'Root cause analysis' },
    { name: 'Watcher', service: 'Infrastructure optimization' },
    { name: 'Zaqar', service: 'Messaging' },
    { name: 'Zun', service: 'Containers service' },
    { name: 'DevStack', service: 'Development environment' },
    { name: 'Kolla-Ansible', service: 'Deployment of Kolla containers with Ansible' },
    { name: 'Zuul', service: 'Project gating CI (OpenDev)' },
    { name: 'Storlets', service: 'Compute inside object storage' },
    { name: 'Venus', service: 'Log management' },
  ].sort((a, b) => a.name.localeCompare(b.name)),
);

/** The names, sorted: what the components multi-select offers. */
export const OPENSTACK_PROJECTS: readonly string[] = Object.freeze(OPENSTACK_PROJECT_LIST.map((p) => p.name));

const NAMES = new Set<string>(OPENSTACK_PROJECTS);
const BY_LOWER = new Map<string, string>(OPENSTACK_PROJECTS.map((n) => [n.toLowerCase(), n]));

export function isOpenStackProject(name: string): boolean {
  return typeof name === 'string' && NAMES.has(name);
}

/** The canonical spelling of a project name typed in any case ("nova " -> "Nova"). */
export function canonicalProjectName(name: string): string | undefined {
  return typeof name === 'string' ? BY_LOWER.get(name.trim().toLowerCase()) : undefined;
}
