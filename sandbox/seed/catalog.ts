// The raw material of the seed: the kind of proposals LCOO operators actually filed, per
// Functional Specialty Team, with the OpenStack projects they touch. Summaries read like
// the roadmap items of a telecom operators' group, not lorem ipsum.
export interface Proposal {
  summary: string;
  components: string[];
  /** What the operators need, one line per requirement. */
  requirements: string[];
  acceptance: string[];
  valueToMembers: string;
  valueToCommunity: string;
}

export interface FstCatalog {
  /** FST name exactly as the app's configuration names it. */
  fst: string;
  proposals: Proposal[];
}

const p = (summary: string, components: string[], need: string, done: string, members: string, community: string): Proposal => ({
  summary,
  components,
  requirements: [need],
  acceptance: [done],
  valueToMembers: members,
  valueToCommunity: community,
});

export const CATALOG: FstCatalog[] = [
  {
    fst: 'Operations / LMA',
    proposals: [
      p(
        'Structured JSON logging across Nova, Neutron and Cinder',
        ['Nova', 'Neutron', 'Cinder', 'Oslo'],
        'Every service logs JSON with request id, project id and resource id through oslo.log.',
        'A log pipeline can join one API request across three services by request id.',
        'Operators run ELK/Loki at thousands of nodes; parsing free text costs them an FTE per cloud.',
        'A common log schema helps every deployer and the OpenStack-Ansible and Kolla log stacks.',
      ),
      p(
        'Prometheus exporter for service health and API latency',
        ['Oslo', 'Nova', 'Keystone'],
        'Expose API latency histograms and RPC queue depth per service in Prometheus format.',
        'Grafana dashboards show p95 latency per API for Nova and Keystone in a reference deployment.',
        'Telecom NOCs alert on SLO burn rates and need first-class metrics, not log scraping.',
        'Replaces per-vendor exporters that drift with every release.',
      ),
      p(
        'Alarm de-duplication for large clouds in Aodh',
        ['Aodh', 'Ceilometer'],
        'Aodh groups alarms from the same failure domain and suppresses duplicates.',
        'A rack power failure raises one alarm group instead of 400 instance alarms.',
        'Fewer pages for on-call staff during rack or AZ failures.',
        'Makes Aodh usable at the scale large public clouds run.',
      ),
      p(
        'Cross-service tracing with osprofiler in production',
        ['Oslo', 'Nova', 'Neutron', 'Glance'],
        'osprofiler can sample 1% of production requests with low overhead and export to Jaeger.',
        'Sampling at 1% adds under 3% latency in the Rally boot-and-delete scenario.',
        'Finds the slow hop in a VNF instantiation without a maintenance window.',
        'Tracing in production has been asked for on the operators mailing list for years.',
      ),
      p(
        'Audit middleware coverage for Keystone and Glance',
        ['Keystone', 'Glance', 'Oslo'],
        'CADF audit events for every Keystone and Glance write API.',
        'An audit log shows who changed which image or role assignment, with outcome.',
        'Regulators require an audit trail for changes to tenant access.',
        'Closes a long-standing gap in pyCADF coverage.',
      ),
      p(
        'Operator-facing health check API for every service',
        ['Oslo', 'Cinder', 'Manila'],
        'A /healthcheck endpoint that reports backend, database and message bus reachability.',
        'Load balancers and Kubernetes probes can use it for Cinder and Manila.',
        'Removes custom probe scripts every operator maintains.',
        'Aligns services on oslo.middleware healthcheck plugins.',
      ),
    ],
  },
  {
    fst: 'Networking',
    proposals: [
      p(
        'Live migration of instances with SR-IOV ports',
        ['Nova', 'Neutron'],
        'Nova live-migrates instances with direct SR-IOV ports by hot-unplugging and re-plugging VFs.',
        'A VNF with two VFs migrates with under 2 s of packet loss in the NFV Tempest scenario.',
        'Hardware maintenance without VNF downtime on SR-IOV compute nodes.',
        'Brings SR-IOV to parity with virtio for cloud operations.',
      ),
      p(
        'OVN gateway chassis scaling to 500 routers',
        ['Neutron'],
        'OVN gateway scheduling spreads 500 routers over gateway chassis with HA.',
        'A failover of one gateway chassis moves its routers within 5 s.',
        'Members run OVN at scale and hit gateway hot spots today.',
        'OVN is the default Neutron backend; its scale limits affect everyone.',
      ),
      p(
        'BGP dynamic routing for provider and tenant networks',
        ['Neutron'],
        'Announce tenant prefixes and floating IPs over BGP from network nodes.',
        'Edge routers learn floating IPs within 10 s of association.',
        'Removes static routes from edge routers in every site.',
        'Completes the neutron-dynamic-routing story for OVN.',
      ),
      p(
        'Minimum bandwidth QoS for data-plane ports',
        ['Neutron', 'Nova', 'Placement'],
        'Schedule instances on hosts that can guarantee a port minimum bandwidth.',
        'Nova refuses to overcommit guaranteed bandwidth on a physnet.',
        'Telco SLAs need guaranteed bandwidth per VNF port.',
        'Uses Placement the way the community designed it for bandwidth.',
      ),
      p(
        'Neutron trunk ports for VNF VLAN-aware VMs',
        ['Neutron', 'Nova'],
        'VLAN-aware VMs get subports managed through the trunk API with OVN.',
        'A VNF receives traffic for 64 VLANs on one trunk port.',
        'VNFs from several vendors need VLAN-aware VMs.',
        'Trunk support across backends benefits every NFV user.',
      ),
      p(
        'IPv6 prefix delegation for tenant routers',
        ['Neutron'],
        'Tenant routers obtain IPv6 prefixes via DHCPv6-PD from the provider network.',
        'A new tenant network gets a globally routable /64 without admin action.',
        'IPv6-only mobile cores need it.',
        'Finishes a feature left experimental for several cycles.',
      ),
    ],
  },
  {
    fst: 'Containers',
    proposals: [
      p(
        'Magnum clusters through Cluster API',
        ['Magnum'],
        'Magnum drives Kubernetes cluster lifecycle through the Cluster API provider for OpenStack.',
        'Create, scale and upgrade a cluster from the Magnum API using CAPO.',
        'Members run CNFs on Kubernetes on OpenStack and need supported upgrades.',
        'Moves Magnum to the lifecycle tooling the Kubernetes community maintains.',
      ),
      p(
        'Kuryr CNI with Octavia for service load balancing',
        ['Kuryr', 'Octavia', 'Neutron'],
        'Pods get Neutron ports and Services get Octavia load balancers without double encapsulation.',
        'Pod-to-pod latency within 5% of VM-to-VM on the same network.',
        'Avoids overlay-on-overlay performance loss for CNFs.',
        'Keeps Kuryr aligned with current Kubernetes networking.',
      ),
      p(
        'Zun container quotas and resource accounting',
        ['Zun', 'Placement'],
        'Zun enforces per-project quotas and reports usage to Placement.',
        'A project over its container quota gets a clear 413 error.',
        'Shared clouds need quota control for container workloads.',
        'Makes Zun safe for multi-tenant clouds.',
      ),
      p(
        'Cinder CSI topology-aware volume provisioning',
        ['Cinder'],
        'CSI volumes are created in the availability zone of the pod.',
        'A StatefulSet spread over three AZs gets volumes in matching AZs.',
        'Stateful CNFs need zone-local storage.',
        'Benefits every Kubernetes-on-OpenStack deployment.',
      ),
      p(
        'Keystone authentication webhook for Kubernetes',
        ['Keystone'],
        'Kubernetes authenticates users with Keystone application credentials.',
        'kubectl works with an application credential and maps roles to RBAC groups.',
        'One identity system for VMs and containers.',
        'Documents and hardens a widely copied integration.',
      ),
      p(
        'OpenStack-Helm production profile for telco control planes',
        ['OpenStack-Helm'],
        'A supported values profile for HA control planes with Ceph and OVN.',
        'A three-node control plane survives the loss of one node with no API outage.',
        'Members deploy OpenStack on Kubernetes at the edge.',
        'Gives OpenStack-Helm users a tested production reference.',
      ),
    ],
  },
  {
    fst: 'Test Automation / CICD',
    proposals: [
      p(
        'Tempest NFV scenario tests for SR-IOV and DPDK',
        ['Tempest', 'Nova', 'Neutron'],
        'Scenario tests boot SR-IOV and OVS-DPDK instances and check connectivity.',
        'The tests run in a third-party CI on real NICs for every Nova and Neutron change.',
        'Regressions in NFV features are caught before release, not in member labs.',
        'Adds coverage the upstream gate cannot run on virtual hardware.',
      ),
      p(
        'Skip-level upgrade job in Zuul for SLURP releases',
        ['Zuul', 'DevStack', 'Tempest'],
        'A gate job upgrades from the previous SLURP release directly to master.',
        'Nova, Neutron, Cinder and Keystone run the job voting by the end of the cycle.',
        'Members upgrade once a year and need tested skip-level paths.',
        'Makes the SLURP promise verifiable.',
      ),
      p(
        'Third-party CI for telco hardware accelerators',
        ['Zuul', 'Cyborg'],
        'A shared third-party CI reports on Cyborg changes using FPGA and GPU hardware.',
        'Results are posted to Gerrit within 2 hours for 90% of changes.',
        'Members share one lab instead of each validating drivers.',
        'Accelerator drivers get upstream test coverage.',
      ),
      p(
        'Performance regression gate with Rally baselines',
        ['Tempest', 'Nova'],
        'Rally scenarios run nightly and flag changes that slow boot or API calls by 10%.',
        'A deliberate slowdown in a test change is detected and reported.',
        'Performance regressions reach member clouds far too often.',
        'Gives project teams data on performance changes.',
      ),
      p(
        'Refstack interoperability guideline for NFV clouds',
        ['Tempest'],
        'An NFV add-on guideline lists the tests a telco cloud must pass.',
        'Two member clouds pass the guideline and publish results.',
        'Vendors can certify VNFs against one definition of an NFV cloud.',
        'Extends interop guidelines to a large user segment.',
      ),
      p(
        'Grenade coverage for Octavia and Designate upgrades',
        ['Octavia', 'Designate', 'DevStack'],
        'Grenade jobs upgrade Octavia and Designate and check existing resources survive.',
        'Load balancers and zones created before the upgrade still work after it.',
        'Upgrade failures of these services caused member outages.',
        'Protects every deployer running them.',
      ),
    ],
  },
  {
    fst: 'Resource Management',
    proposals: [
      p(
        'NUMA-aware scheduling with nested resource providers',
        ['Nova', 'Placement'],
        'Placement models NUMA nodes as nested providers for CPU, memory and PCI devices.',
        'Pinned instances land on hosts with enough resources on one NUMA node, first time.',
        'Fewer scheduling retries and failed VNF deployments.',
        'Completes a long-running Placement modelling effort.',
      ),
      p(
        'Cyborg FPGA programming at instance boot',
        ['Cyborg', 'Nova'],
        'Cyborg programs an FPGA with a bitstream from Glance when the instance boots.',
        'An instance requesting a bitstream gets it programmed before it starts.',
        'Members use FPGAs for vRAN acceleration.',
        'Gives Cyborg its first end-to-end production flow.',
      ),
      p(
        'Unified limits for Nova and Cinder',
        ['Nova', 'Cinder', 'Keystone'],
        'Quotas come from Keystone unified limits for compute and volumes.',
        'Changing a limit in Keystone takes effect in Nova and Cinder without restarts.',
        'One place to manage quotas across services.',
        'Finishes the unified limits migration.',
      ),
      p(
        'Blazar reservations for scarce GPU hosts',
        ['Blazar', 'Nova', 'Placement'],
        'Users reserve GPU hosts for a time window through Blazar.',
        'A reservation guarantees a host and releases it at the end.',
        'Research and AI tenants share few GPU nodes fairly.',
        'Revives Blazar with a clear use case.',
      ),
      p(
        'Watcher consolidation strategy for energy saving',
        ['Watcher', 'Nova'],
        'Watcher consolidates instances at night and powers off idle hosts.',
        'A test cloud saves 20% host-hours overnight without SLA violations.',
        'Energy costs are a top item for every operator.',
        'Gives Watcher a production-grade strategy.',
      ),
      p(
        'Ironic fast-track deployment for edge sites',
        ['Ironic'],
        'Ironic deploys to already-inspected nodes without an extra reboot.',
        'Edge node deployment time drops by 40%.',
        'Members deploy thousands of small edge sites.',
        'Speeds up bare metal deployment for everyone.',
      ),
    ],
  },
  {
    fst: 'Security',
    proposals: [
      p(
        'Barbican with network HSMs for key storage',
        ['Barbican'],
        'Barbican stores keys in a PKCS#11 network HSM cluster with HA.',
        'Losing one HSM does not interrupt key retrieval.',
        'Regulated members must keep keys in certified hardware.',
        'Hardens the most common Barbican backend.',
      ),
      p(
        'Multi-factor authentication in Keystone',
        ['Keystone', 'Horizon'],
        'Keystone enforces TOTP as a second factor for selected users.',
        'A user with MFA enabled cannot get a token with a password alone.',
        'Admin accounts need MFA for audits.',
        'Closes a top security request from operators.',
      ),
      p(
        'Secure RBAC default roles across services',
        ['Keystone', 'Nova', 'Neutron', 'Cinder', 'Glance'],
        'Services ship project reader, member and manager personas by default.',
        'A reader cannot change any resource in Nova, Neutron, Cinder or Glance.',
        'Members can delegate read-only access safely.',
        'The community goal of several cycles, finished.',
      ),
      p(
        'Image signature verification enforced by default',
        ['Glance', 'Nova', 'Barbican'],
        'Nova refuses to boot unsigned images when the policy says so.',
        'An unsigned image fails to boot with a clear message.',
        'Supply-chain requirements for VNF images.',
        'Makes signature verification usable, not just present.',
      ),
      p(
        'TLS everywhere for internal service traffic',
        ['OpenStack-Ansible', 'Kolla-Ansible', 'Oslo'],
        'Internal APIs and the message bus use TLS with rotation.',
        'A deployment passes a scan with no plaintext internal endpoints.',
        'Zero-trust policies at members require it.',
        'Deployment tools get a tested TLS profile.',
      ),
      p(
        'FIPS 140-3 compatible deployment',
        ['Oslo', 'Keystone', 'Barbican'],
        'Services run on a FIPS-enabled OS without using non-approved algorithms.',
        'The gate runs a FIPS job for Keystone and Barbican.',
        'Government customers of members require FIPS.',
        'Removes MD5 and other non-approved uses community-wide.',
      ),
    ],
  },
  {
    fst: 'Other',
    proposals: [
      p(
        'Keystone federation across regions for multi-site clouds',
        ['Keystone'],
        'Users of one region authenticate in others through federation with shared role mapping.',
        'A user logs into three regions with one identity and consistent roles.',
        'Members run dozens of regions.',
        'Improves federation documentation and tests.',
      ),
      p(
        'Masakari instance HA for VNF workloads',
        ['Masakari', 'Nova'],
        'Masakari restarts VNF instances on host failure within a set time.',
        'Instances of a failed host restart within 3 minutes.',
        'VNFs without application-level HA need it.',
        'Keeps Masakari maintained and tested.',
      ),
      p(
        'Operator documentation for day-2 operations',
        ['Nova', 'Neutron'],
        'An operations guide for upgrades, capacity and troubleshooting.',
        'The guide is published and reviewed by two member operations teams.',
        'New staff at members ramp up faster.',
        'Operators have asked for an updated ops guide for years.',
      ),
      p(
        'Glance multi-store for edge image caching',
        ['Glance'],
        'Images are cached at edge stores and copied on demand.',
        'Booting at an edge site uses the local copy after the first boot.',
        'WAN bandwidth to edge sites is scarce.',
        'Finishes the edge story of Glance.',
      ),
      p(
        'Horizon accessibility to WCAG 2.1 AA',
        ['Horizon', 'Skyline'],
        'The dashboards meet WCAG 2.1 AA for core pages.',
        'An audit of the launch-instance flow finds no AA violations.',
        'Members must meet accessibility law for customer portals.',
        'Accessibility helps every user.',
      ),
      p(
        'Tacker support for ETSI NFV-SOL 003 v3',
        ['Tacker'],
        'Tacker implements the SOL 003 v3 VNF lifecycle APIs.',
        'An ETSI plugtest VNFM flow passes against Tacker.',
        'Members integrate Tacker with their NFVOs.',
        'Keeps OpenStack relevant to ETSI NFV.',
      ),
    ],
  },
];

export const STAKEHOLDER_ROLES = [
  'Roadmap Coordinator',
  'Principal cloud architect',
  'Network operations lead',
  'Product owner, NFV platform',
  'Security officer',
  'Director, cloud operations',
];
export const PEOPLE = [
  'Jordan Miller',
  'Priya Nguyen',
  'Kenji Tanaka',
  'Marie Lefèvre',
  'Rohan Sharma',
  'Daniel Okafor',
  'Sun-hee Kim',
  'Luc Moreau',
  'Aisha Bello',
  'Tomás Herrera',
  'Yuki Sato',
  'Hannah Berg',
  'Arjun Mehta',
  'Chloé Dubois',
  'Mateo Rossi',
  'Grace Liu',
];
export const WORKING_GROUPS = [
  'Edge Computing Group',
  'Large Scale SIG',
  'Scientific SIG',
  'Telecom and NFV SIG',
  'Public Cloud SIG',
  'Interop Working Group',
];
