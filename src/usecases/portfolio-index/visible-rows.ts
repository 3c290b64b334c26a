// The portfolio index's rows a person may see, for every reader of the index (the gadget's
// answer.ts, the roadmap page, the scope tracker): every bucket, while ONE Jira permission call says
// which of the meta's projects and secured issues the person may browse; projects or secured
// issues the meta did not list yet are asked about once more, never shown unasked.
//
// The rows come as a table (domain/portfolio-table.ts) and the person's rows as a selection of
// its row numbers: a gadget load makes objects only of the rows its page shows.
import type { SlimRow } from '../../domain/portfolio-index';
import { NONE, rowsOfTable, type RowTable } from '../../domain/portfolio-table';
import { browsable } from '../../jira/issues';
import type { JiraClient } from '../../jira/client';
import type { IndexMeta } from '../../storage/portfolio-index/meta';
import { readTable } from '../../storage/portfolio-index/store';

export interface VisibleSelection {
  /** Row numbers (in `table`) the person may see, in table order. */
  selection: Int32Array;
  /** Row numbers of rows in browsable projects whose security level keeps the person out. */
  hidden: Int32Array;
  calls: { jira: number; storage: number };
}

export interface VisibleRows {
  rows: SlimRow[];
  /** Rows in browsable projects whose security level keeps the person out. */
  hidden: SlimRow[];
  calls: { jira: number; storage: number };
}

/** Every row of the index, read while Jira says what the person may browse; `visible()` waits for Jira. */
export interface PendingRows {
  table: RowTable;
  visible(): Promise<VisibleSelection>;
}

export async function readIndexRows(user: JiraClient, meta: IndexMeta): Promise<PendingRows> {
  const checked = browsable(user, meta.projects, meta.secured);
  checked.catch(() => undefined);
  const table = await readTable(meta.bucketCount);
  return {
    table,
    async visible() {
      const calls = { jira: 1, storage: Math.ceil(meta.bucketCount / 25) };
      let allowed = await checked;
      const knownProjects = new Set(meta.projects);
      const knownSecured = new Set(meta.secured);
      const idOf = (i: number) => String(table.id[i]);
      const newProjects = table.projects.map((p) => p.id).filter((id) => !knownProjects.has(id));
      const secured: number[] = [];
      for (let i = 0; i < table.n; i++) if (table.security[i] !== NONE) secured.push(i);
      const newSecured = secured.map(idOf).filter((id) => !knownSecured.has(id));
      if (newProjects.length > 0 || newSecured.length > 0) {
        const more = await browsable(user, [...new Set(newProjects)], newSecured);
        calls.jira += 1;
        allowed = { projects: new Set([...allowed.projects, ...more.projects]), issues: new Set([...allowed.issues, ...more.issues]) };
      }
      const projectOk = Uint8Array.from(table.projects, (p) => (allowed.projects.has(p.id) ? 1 : 0));
      const selection = new Int32Array(table.n);
      const hidden: number[] = [];
      let k = 0;
      for (let i = 0; i < table.n; i++) {
        if (projectOk[table.project[i]!] !== 1) continue;
        if (table.security[i] !== NONE && !allowed.issues.has(idOf(i))) {
          hidden.push(i);
          continue;
        }
        selection[k++] = i;
      }
      return { selection: selection.subarray(0, k), hidden: Int32Array.from(hidden), calls };
    },
  };
}

/** The person's rows as objects (the scope tracker). */
export async function visibleIndexRows(user: JiraClient, meta: IndexMeta): Promise<VisibleRows> {
  const pending = await readIndexRows(user, meta);
  const v = await pending.visible();
  return { rows: rowsOfTable(pending.table, v.selection), hidden: rowsOfTable(pending.table, v.hidden), calls: v.calls };
}
