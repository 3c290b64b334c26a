import type { ReleaseCalendar } from '../releases';
import { parseQuarter, type QuarterId } from './quarter';
import { versionName, type VersionKind } from './version';

/**
 * What the next version of a quarter should be called. The proposal's rhythm: a new roadmap
 * twice a year aligned to the PTGs, a refresh twice a year aligned to the Forums. A PTG opens each
 * series' cycle (April for YYYY.2, October for the next YYYY.1), so the roadmap of Q1 is new,
 * published at the PTG of series YYYY.1, and that of Q3 at the PTG of YYYY.2; Q2 and Q4 are
 * refreshes at the Forum (the OpenInfra Summit's Forum) held between.
 */
export interface VersionProposal {
  quarter: QuarterId;
  kind: VersionKind;
  event: string;
  name: string;
}

/** The series a quarter's new roadmap is planned at the PTG of: YYYY.1 for Q1, YYYY.2 for Q3. */
export function ptgSeriesOf(quarter: QuarterId, calendar: ReleaseCalendar): string {
  const { year, q } = parseQuarter(quarter);
  const version = `${year}.${q <= 2 ? 1 : 2}`;
  const release = calendar.releases.find((r) => r.version === version || r.id === version);
  return release && release.name !== version ? release.name : version;
}

export function proposeVersion(quarter: QuarterId, calendar: ReleaseCalendar): VersionProposal {
  const { q } = parseQuarter(quarter);
  const kind: VersionKind = q === 1 || q === 3 ? 'new' : 'refresh';
  const event = kind === 'new' ? `${ptgSeriesOf(quarter, calendar)} PTG` : 'Forum';
  return { quarter, kind, event, name: versionName(quarter, kind, event) };
}
