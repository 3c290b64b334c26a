// The Launchpad emulator's blueprints for the seeded deliverables: every blueprint link a seeded
// deliverable carries exists on Launchpad, with a definition status that agrees with the stage
// the deliverable reached ("Approved" from Blueprint Accepted on, "Pending Approval" while the
// blueprint is in progress, "New" before), an implementation status that follows the code, and
// the milestone and series the deliverable is targeted to. Two deliverables of one Roadmap Item in
// one project link the same blueprint: one blueprint, so the most advanced of them decides.
import { DELIVERY_STAGES, type DeliveryStage } from '../../src/domain/lifecycle';
import { blueprintRef } from '../../src/domain/upstream';
import type { SeedPlan } from '../seed/generate';
import type { LaunchpadStore } from './store';

const reached = (target: DeliveryStage, stage: DeliveryStage) => DELIVERY_STAGES.indexOf(target) >= DELIVERY_STAGES.indexOf(stage);

/** A Launchpad milestone name from the schedule's label: "2027.2 milestone 3" -> "2027.2-milestone-3". */
function milestoneName(releaseId: string, label: string): string {
  const slug = label.toLowerCase().replace(/[^a-z0-9.]+/g, '-');
  return slug.startsWith(releaseId) ? slug : `${releaseId}-${slug}`;
}

export function seedLaunchpadFromPlan(store: LaunchpadStore, plan: SeedPlan): number {
  let n = 0;
  const order = (d: SeedPlan['deliverables'][number]) => DELIVERY_STAGES.indexOf(d.targetStage);
  for (const d of [...plan.deliverables].sort((a, b) => order(a) - order(b))) {
    const ref = blueprintRef(d.delivery?.blueprint?.url);
    if (!ref) continue;
    const t = d.targetStage;
    const milestone = d.delivery?.milestone;
    store.put({
      project: ref.project,
      name: ref.name,
      title: d.delivery?.blueprint?.title ?? d.summary,
      definitionStatus: reached(t, 'blueprint-accepted') ? 'Approved' : reached(t, 'blueprint-in-progress') ? 'Pending Approval' : 'New',
      implementationStatus: reached(t, 'code-committed')
        ? 'Implemented'
        : reached(t, 'coding-in-progress')
          ? 'Started'
          : reached(t, 'blueprint-accepted')
            ? 'Not started'
            : 'Unknown',
      ...(milestone ? { series: milestone.releaseId, milestone: milestoneName(milestone.releaseId, milestone.label) } : {}),
    });
    n += 1;
  }
  return n;
}
