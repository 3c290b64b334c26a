import type { Delivery } from './delivery';
import { canonicalProjectName, isOpenStackProject, projectNotice } from './openstack-projects';
import { milestoneProblem, releaseById, type ReleaseCalendar } from './releases';
import type { Vetting } from './vetting';

/**
 * What a save may name: the schemas accept every project and release a stored record may hold
 * (a retired project, an old spelling, a series an admin has since removed), so nothing stored
 * is lost; a save may keep those, but what it adds must be true today: an active project, a
 * series the calendar in effect knows, a real milestone of its release.
 */

/** A refused reference, at the record's field path ("targetRelease", "components", "milestone"). */
export interface ReferenceProblem {
  field: string;
  message: string;
}

function projectProblem(name: string, kept: ReadonlySet<string>): string | undefined {
  if (isOpenStackProject(name) || kept.has(name)) return undefined;
  const notice = projectNotice(name);
  return notice
    ? `${canonicalProjectName(name) ?? name} is ${notice}; pick an active OpenStack project.`
    : `"${name}" is not an OpenStack project the app knows; pick one from the list.`;
}

export function vettingReferenceProblems(
  vetting: Pick<Vetting, 'targetRelease' | 'components'>,
  trusted: Vetting | undefined,
  calendar: ReleaseCalendar,
): ReferenceProblem[] {
  const problems: ReferenceProblem[] = [];
  const target = vetting.targetRelease;
  if (target && target !== trusted?.targetRelease && !releaseById(calendar, target)) {
    problems.push({
      field: 'targetRelease',
      message: `"${target}" is not an OpenStack series in the release calendar; choose one from the list.`,
    });
  }
  const kept = new Set(trusted?.components ?? []);
  for (const c of vetting.components ?? []) {
    const message = projectProblem(c, kept);
    if (message) {
      problems.push({ field: 'components', message });
      break;
    }
  }
  return problems;
}

const sameMilestone = (a: Delivery['milestone'], b: Delivery['milestone']) =>
  a !== undefined && b !== undefined && a.releaseId === b.releaseId && a.label === b.label && a.date === b.date;

export function deliveryReferenceProblems(
  delivery: Pick<Delivery, 'project' | 'milestone'>,
  trusted: Delivery | undefined,
  calendar: ReleaseCalendar,
): ReferenceProblem[] {
  const problems: ReferenceProblem[] = [];
  if (delivery.project) {
    const message = projectProblem(delivery.project, new Set(trusted?.project ? [trusted.project] : []));
    if (message) problems.push({ field: 'project', message });
  }
  const m = delivery.milestone;
  if (m && !sameMilestone(m, trusted?.milestone)) {
    const message = milestoneProblem(calendar, m);
    if (message) problems.push({ field: 'milestone', message });
  }
  return problems;
}
