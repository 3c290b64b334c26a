// "Refresh from upstream" for one deliverable: read what Gerrit says about every change the
// deliverable links and store it in the signed record (`upstream.gerrit`) with when it was read.
// A Gerrit that cannot be reached leaves the last evidence in place, marked stale with why,
// so the panel and the gates keep working on the last known facts.
import { AppError } from '../contract/envelope';
import type { Delivery } from '../domain/delivery';
import type { Stage } from '../domain/lifecycle';
import { blueprintRef, upstreamNumbers, type GerritEvidence, type LaunchpadEvidence } from '../domain/upstream';
import type { JiraClient } from '../jira/client';
import { DELIVERY_RECORD, deliveryIndex } from '../records/kinds';
import { loadRecord, revisionOf, trustedData, type SavedRecord } from '../records/record-store';
import { UpstreamError, readGerritChanges, type GerritDeps } from '../upstream/gerrit-client';
import { readBlueprint, type LaunchpadDeps } from '../upstream/launchpad';
import { writeRecord, type Actor } from './record-writes/write-record';
import type { AppConfig } from '../domain/app-config';
import type { ReleaseCalendar } from '../domain/releases';
import { changeNames } from './record-writes/names';

export interface UpstreamRefresh {
  client: JiraClient;
  issue: { id: string; key: string; stage?: Stage | undefined };
  actor: Actor;
  config: AppConfig;
  /** The release calendar in effect (the record's search values name its series). */
  calendar: ReleaseCalendar;
  now: Date;
  gerrit?: GerritDeps;
  launchpad?: LaunchpadDeps;
}

export interface RefreshOutcome {
  /** The record as written (undefined: nothing to write, e.g. no linked changes and no evidence yet). */
  saved?: SavedRecord<Delivery>;
  /** Why Gerrit could not be read, in words for the person; the last evidence (if any) was kept and marked stale. */
  problem?: string;
  requests: number;
}

/** The evidence after a failed read: the last one, marked stale since the first failure. */
export function markedStale<E extends GerritEvidence | LaunchpadEvidence>(last: E, reason: string, now: Date): E {
  return { ...last, stale: { since: last.stale?.since ?? now.toISOString(), reason: reason.slice(0, 400) } };
}

export async function refreshUpstream(req: UpstreamRefresh): Promise<RefreshOutcome> {
  const read = await loadRecord(req.client, DELIVERY_RECORD, req.issue);
  const trusted = trustedData(read);
  if (read.state === 'present' && !trusted) {
    throw new AppError(
      'CONFLICT',
      "The LCOO record on this issue was modified outside the LCOO app, so evidence can't be added to it; restore or re-save it first.",
    );
  }
  const numbers = upstreamNumbers(trusted ?? {});
  const last = trusted?.upstream?.gerrit;
  const bpRef = blueprintRef(trusted?.blueprint?.url);
  const lastBp = trusted?.upstream?.launchpad;
  if (numbers.length === 0 && !last && !bpRef && !lastBp) {
    return {
      problem: 'No Gerrit change, specification review or Launchpad blueprint is linked yet: add them to the deliverable, then refresh.',
      requests: 0,
    };
  }
  const problems: string[] = [];
  let requests = 0;
  // The two sources are read side by side; one that fails leaves its own last evidence, marked stale.
  const readGerrit = async (): Promise<GerritEvidence | undefined> => {
    if (numbers.length === 0 && !last) return undefined;
    try {
      const got = numbers.length ? await readGerritChanges(numbers, req.gerrit) : { changes: [], notFound: [], requests: 0 };
      requests += got.requests;
      return {
        source: 'gerrit',
        fetchedAt: req.now.toISOString(),
        changes: got.changes,
        ...(got.notFound.length ? { notFound: got.notFound } : {}),
      };
    } catch (e) {
      if (!(e instanceof UpstreamError)) throw e;
      requests += 1;
      if (!last) {
        problems.push(`${e.message} Nothing has been read from Gerrit for this deliverable yet; try again later.`);
        return undefined;
      }
      problems.push(`${e.message} The evidence shown is the last read from Gerrit.`);
      return markedStale(last, e.message, req.now);
    }
  };
  const readLaunchpad = async (): Promise<LaunchpadEvidence | undefined> => {
    // A blueprint link that is no longer there: its evidence goes with it.
    if (!bpRef) return undefined;
    try {
      const got = await readBlueprint(bpRef, req.launchpad);
      requests += 1;
      return got.found
        ? { source: 'launchpad', fetchedAt: req.now.toISOString(), blueprint: got.blueprint }
        : { source: 'launchpad', fetchedAt: req.now.toISOString(), notFound: true };
    } catch (e) {
      if (!(e instanceof UpstreamError)) throw e;
      requests += 1;
      if (!lastBp) {
        problems.push(`${e.message} Nothing has been read from Launchpad for this blueprint yet; try again later.`);
        return undefined;
      }
      problems.push(`${e.message} The blueprint shown is the last read from Launchpad.`);
      return markedStale(lastBp, e.message, req.now);
    }
  };
  const [evidence, blueprint] = await Promise.all([readGerrit(), readLaunchpad()]);
  const problem = problems.length ? problems.join(' ') : undefined;
  if (!evidence && !blueprint && !lastBp) return { ...(problem ? { problem } : {}), requests };
  const saved = await writeRecord<Delivery>({
    client: req.client,
    kind: DELIVERY_RECORD,
    issue: req.issue,
    expectedRevision: revisionOf(read),
    actor: req.actor,
    now: req.now,
    action: 'refresh',
    names: changeNames(req.config),
    build(current) {
      if (!current) throw new AppError('CONFLICT', 'The LCOO record changed while upstream was read; reload the panel and refresh again.');
      const { gerrit: _g, launchpad: _l, ...others } = current.upstream ?? {};
      return {
        ...current,
        upstream: { ...others, ...(evidence ? { gerrit: evidence } : {}), ...(blueprint ? { launchpad: blueprint } : {}) },
      };
    },
    index: (d) => deliveryIndex(d, req.issue.stage, req.calendar),
  });
  return { saved, ...(problem ? { problem } : {}), requests };
}
