import type { Stage } from './lifecycle';

/**
 * Every OpenStack release series, Austin to 2027.1 Indri, with the first-release date and
 * status published in the openstack/releases repository (data/series_status.yaml and the
 * per-series schedule pages), as of November 2026. LCOO items target a series; the
 * dates decide which series are still open for targeting and which items have slipped.
 */

export type ReleaseStatus = 'future' | 'development' | 'maintained' | 'unmaintained' | 'end-of-life';

export interface Release {
  /** Lower-case code name, as openstack/releases keys its series: "ocata", "gazpacho". */
  id: string;
  /** Display name: "Ocata", "Gazpacho". */
  name: string;
  /** Since 2023 a series also has a YYYY.N release id ("2026.1"). */
  version?: string;
  /** ISO date (YYYY-MM-DD) of the coordinated release; planned for a series in development. */
  firstReleaseDate: string;
  /** Skip Level Upgrade Release Process: every 2023.1-onward ".1" release. */
  slurp: boolean;
  status: ReleaseStatus;
}

type Row = [name: string, version: string | undefined, date: string, status: ReleaseStatus];

// Oldest first. Statuses: Austin..Zed and 2023.2 Bobcat are end of life; the older SLURP
// and the last non-SLURP releases sit in "unmaintained" before they close.
const ROWS: Row[] = [
  ['Austin', undefined, '2010-10-21', 'end-of-life'],
  ['Bexar', undefined, '2011-02-03', 'end-of-life'],
  ['Cactus', undefined, '2011-04-15', 'end-of-life'],
  ['Diablo', undefined, '2011-09-22', 'end-of-life'],
  ['Essex', undefined, '2012-04-05', 'end-of-life'],
  ['Folsom', undefined, '2012-09-27', 'end-of-life'],
  ['Grizzly', undefined, '2013-04-04', 'end-of-life'],
  ['Havana', undefined, '2013-10-17', 'end-of-life'],
  ['Icehouse', undefined, '2014-04-17', 'end-of-life'],
  ['Juno', undefined, '2014-10-16', 'end-of-life'],
  ['Kilo', undefined, '2015-04-30', 'end-of-life'],
  ['Liberty', undefined, '2015-10-15', 'end-of-life'],
  ['Mitaka', undefined, '2016-04-07', 'end-of-life'],
  ['Newton', undefined, '2016-10-06', 'end-of-life'],
  ['Ocata', undefined, '2017-02-22', 'end-of-life'],
  ['Pike', undefined, '2017-08-30', 'end-of-life'],
  ['Queens', undefined, '2018-02-28', 'end-of-life'],
  ['Rocky', undefined, '2018-08-30', 'end-of-life'],
  ['Stein', undefined, '2019-04-10', 'end-of-life'],
  ['Train', undefined, '2019-10-16', 'end-of-life'],
  ['Ussuri', undefined, '2020-05-13', 'end-of-life'],
  ['Victoria', undefined, '2020-10-14', 'end-of-life'],
  ['Wallaby', undefined, '2021-04-14', 'end-of-life'],
  ['Xena', undefined, '2021-10-06', 'end-of-life'],
  ['Yoga', undefined, '2022-03-30', 'end-of-life'],
  ['Zed', undefined, '2022-10-05', 'end-of-life'],
  ['Antelope', '2023.1', '2023-03-22', 'unmaintained'],
  ['Bobcat', '2023.2', '2023-10-04', 'end-of-life'],
  ['Caracal', '2024.1', '2024-04-03', 'unmaintained'],
  ['Dalmatian', '2024.2', '2024-10-02', 'unmaintained'],
  ['Epoxy', '2025.1', '2025-04-02', 'maintained'],
  ['Flamingo', '2025.2', '2025-10-01', 'maintained'],
  ['Gazpacho', '2026.1', '2026-04-01', 'maintained'],
  ['Hibiscus', '2026.2', '2026-09-30', 'maintained'],
  ['Indri', '2027.1', '2027-03-24', 'development'],
];

export const RELEASES: readonly Release[] = Object.freeze(
  ROWS.map(([name, version, firstReleaseDate, status]) =>
    Object.freeze({
      id: name.toLowerCase(),
      name,
      ...(version ? { version } : {}),
      firstReleaseDate,
      slurp: version !== undefined && version.endsWith('.1'),
      status,
    }),
  ),
);

const BY_ID = new Map<string, Release>(RELEASES.map((r) => [r.id, r]));
const RELEASE_MS = new Map<string, number>(RELEASES.map((r) => [r.id, Date.parse(`${r.firstReleaseDate}T00:00:00Z`)]));

export function releaseById(id: string): Release | undefined {
  return typeof id === 'string' ? BY_ID.get(id) : undefined;
}

/**
 * Finds a release by id, name, version or "2026.1 Gazpacho" label, ignoring case: for
 * free text such as a v1 record's target release.
 */
export function findRelease(text: string): Release | undefined {
  if (typeof text !== 'string') return undefined;
  const t = text.trim().toLowerCase();
  if (!t) return undefined;
  return RELEASES.find(
    (r) => r.id === t || r.version === t || (r.version !== undefined && `${r.version} ${r.id}` === t.replace(/\s+/g, ' ')),
  );
}

/** "2026.1 Gazpacho" or "Ocata": how people name a release. */
export function releaseLabel(release: Release): string {
  return release.version ? `${release.version} ${release.name}` : release.name;
}

const toMs = (now: Date | number | string): number =>
  typeof now === 'number' ? now : typeof now === 'string' ? Date.parse(now) : now.getTime();

/**
 * Whether a series has shipped at `now`: from 00:00 UTC on its release day. Unknown ids and
 * an unknown time read as "not shipped" so callers decide what an unknown means.
 */
export function isReleased(releaseId: string, now: Date | number | string): boolean {
  const at = RELEASE_MS.get(releaseId);
  const t = toMs(now);
  if (at === undefined || Number.isNaN(t)) return false;
  return t >= at;
}

/** A release is open for targeting while it is a known series that has not shipped yet. */
function isOpenForTargeting(releaseId: string, now: Date | number | string): boolean {
  const at = RELEASE_MS.get(releaseId);
  const t = toMs(now);
  return at !== undefined && !Number.isNaN(t) && t < at;
}

/** The series not yet released at `now`, oldest first (the choices for "Targeted OpenStack release"). */
export function releasesOpenForTargeting(now: Date | number | string): Release[] {
  return RELEASES.filter((r) => isOpenForTargeting(r.id, now));
}

/**
 * Whether an item has slipped past its release. Defined as: the release's first-release
 * date has passed at `now` and the item is not where it had to be by then:
 * - a Roadmap Item (portfolio stage) had to be Development Ready: assigned and staffed
 *   before the release shipped; what happens after that is tracked on its deliverables;
 * - an Upstream Deliverable (delivery stage) had to be Delivered.
 * An unknown release id never counts as slipped (there is no date to slip past).
 */
export function hasSlipped(releaseId: string, stage: Stage, now: Date | number | string): boolean {
  if (!isReleased(releaseId, now)) return false;
  return stage !== 'development-ready' && stage !== 'delivered';
}
