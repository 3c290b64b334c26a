// The portfolio index's rows a person may see, for every reader of the index (the gadget's
// answer.ts, the roadmap page, the scope tracker): every bucket, while ONE Jira permission call says
// which of the meta's projects and secured issues the person may browse; projects or secured
// issues the meta did not list yet are asked about once more, never shown unasked.
import type { SlimRow } from '../../domain/portfolio-index';
import { browsable } from '../../jira/issues';
import type { JiraClient } from '../../jira/client';
import type { IndexMeta } from '../../storage/portfolio-index/meta';
import { readBuckets } from '../../storage/portfolio-index/store';

export interface VisibleRows {
  rows: SlimRow[];
  /** Rows in browsable projects whose security level keeps the person out. */
  hidden: SlimRow[];
  calls: { jira: number; storage: number };
}

/** Every row of the index, read while Jira says what the person may browse; `visible()` waits for Jira. */
export interface PendingRows {
  all: SlimRow[];
  visible(): Promise<VisibleRows>;
}

export async function readIndexRows(user: JiraClient, meta: IndexMeta): Promise<PendingRows> {
  const checked = browsable(user, meta.projects, meta.secured);
  checked.catch(() => undefined);
  const { buckets } = await readBuckets(meta.bucketCount);
  const all = buckets.flatMap((b) => b.rows);
  return {
    all,
    async visible() {
      const calls = { jira: 1, storage: Math.ceil(meta.bucketCount / 25) };
      let allowed = await checked;
      const knownProjects = new Set(meta.projects);
      const knownSecured = new Set(meta.secured);
      const newProjects = [...new Set(all.filter((r) => !knownProjects.has(r.projectId)).map((r) => r.projectId))];
      const newSecured = all.filter((r) => r.securityLevel && !knownSecured.has(r.id)).map((r) => r.id);
      if (newProjects.length > 0 || newSecured.length > 0) {
        const more = await browsable(user, newProjects, newSecured);
        calls.jira += 1;
        allowed = { projects: new Set([...allowed.projects, ...more.projects]), issues: new Set([...allowed.issues, ...more.issues]) };
      }
      const rows = all.filter((r) => allowed.projects.has(r.projectId) && (!r.securityLevel || allowed.issues.has(r.id)));
      const hidden = all.filter((r) => r.securityLevel && allowed.projects.has(r.projectId) && !allowed.issues.has(r.id));
      return { rows, hidden, calls };
    },
  };
}

export async function visibleIndexRows(user: JiraClient, meta: IndexMeta): Promise<VisibleRows> {
  return (await readIndexRows(user, meta)).visible();
}
