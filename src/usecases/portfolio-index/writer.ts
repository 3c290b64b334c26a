// What every writer of the portfolio index needs, read once per invocation: the index's meta
// (bucket count, generation, the settings rows are derived with), the app configuration, the
// status-stage map and the signing key; and the writes themselves, from Jira or from a save.
import { asApp, type JiraClient } from '../../jira/client';
import type { IndexRow } from '../../domain/portfolio-index';
import { route } from '../../jira/client';
import { IssueSchema } from '../../jira/issues';
import { DELIVERY_PROPERTY, VETTING_PROPERTY } from '../../records/kinds';
import { readParentChecklist } from '../../records/roadmap-item';
import { loadAppConfig, type LoadedConfig } from '../../storage/app-config';
import { readLatestRevisionsOf } from '../../storage/latest-revisions';
import { loadIndexMeta, type IndexMeta } from '../../storage/portfolio-index/meta';
import { changeRows } from '../../storage/portfolio-index/store';
import { getSigningKey } from '../../storage/signing-key';
import { loadStatusStageMap, type StatusStageMap } from '../../storage/status-stages';
import { LCOO_ISSUE_TYPES_CLAUSE } from './jql-scope';
import { deriveFromIssues, type DeriveContext } from './derive';
import { rulesOf, settingsForIndex } from './settings';
import { PORTFOLIO_FIELDS, PORTFOLIO_PROPERTIES } from './verify-issues';
import { z } from 'zod';
import type { ReleaseCalendar } from '../../domain/releases';
import { loadReleaseCalendar } from '../../storage/release-calendar';
import { portfolioStageOf } from '../issue-snapshot';

export interface IndexWriter {
  meta: IndexMeta;
  config: LoadedConfig;
  statusStages: StatusStageMap;
  secret: string;
  calendar: ReleaseCalendar;
  ctx: DeriveContext;
  client: JiraClient;
}

export async function openIndexWriter(
  known: { config?: LoadedConfig; statusStages?: StatusStageMap; meta?: IndexMeta; calendar?: ReleaseCalendar } = {},
): Promise<IndexWriter> {
  const client = asApp();
  const [meta, config, statusStages, secret, calendar] = await Promise.all([
    known.meta ?? loadIndexMeta(),
    known.config ?? loadAppConfig(),
    known.statusStages ?? loadStatusStageMap(),
    getSigningKey(),
    known.calendar ?? loadReleaseCalendar().then((c) => c.calendar),
  ]);
  return {
    meta,
    config,
    statusStages,
    secret,
    calendar,
    client,
    ctx: {
      calendar,
      settingsFor: settingsForIndex(config, rulesOf(meta)),
      config: config.config,
      now: new Date(),
      // Rows do not depend on who looks: a Roadmap Item outside the batch is read as the app.
      readParent: (key) => readParentChecklist(client, key, secret, portfolioStageOf(statusStages)),
    },
  };
}

const SearchPageSchema = z
  .object({ issues: z.array(IssueSchema).default([]), nextPageToken: z.string().nullish(), isLast: z.boolean().optional() })
  .loose();

/** One page of LCOO issues with everything a row needs (as the app: the index holds every item; visibility is applied per person at query time). */
export async function searchPage(client: JiraClient, jql: string, nextPageToken?: string, pageSize = 100) {
  return client.request('POST', route`/rest/api/3/search/jql`, SearchPageSchema, {
    jql,
    fields: PORTFOLIO_FIELDS,
    properties: PORTFOLIO_PROPERTIES,
    maxResults: pageSize,
    ...(nextPageToken ? { nextPageToken } : {}),
  });
}

/**
 * Derives the rows of these issues from Jira again (one search per 100 ids) and writes them;
 * an id Jira no longer returns (deleted, moved out of the LCOO types) loses its row.
 * Returns the index writes made.
 */
export async function syncIssues(w: IndexWriter, issueIds: readonly string[]): Promise<{ writes: number; rows: IndexRow[] }> {
  let writes = 0;
  const rows: IndexRow[] = [];
  for (let i = 0; i < issueIds.length; i += 100) {
    const ids = issueIds.slice(i, i + 100);
    const page = await searchPage(w.client, `id in (${ids.join(', ')}) AND ${LCOO_ISSUE_TYPES_CLAUSE}`);
    const latest = await readLatestRevisionsOf(
      [VETTING_PROPERTY, DELIVERY_PROPERTY],
      page.issues.map((x) => x.id),
    );
    const derived = await deriveFromIssues(page.issues, w.secret, w.statusStages, latest, w.ctx);
    const seen = new Set(derived.rows.map((r) => r.id));
    writes += await changeRows(
      { put: derived.rows, remove: ids.filter((id) => !seen.has(id)), generation: w.meta.generation },
      w.meta.bucketCount,
    );
    rows.push(...derived.rows);
  }
  return { writes, rows };
}

/** Removes the rows of these issues (deleted in Jira). */
export async function removeIssues(w: Pick<IndexWriter, 'meta'>, issueIds: readonly string[]): Promise<number> {
  return changeRows({ remove: issueIds, generation: w.meta.generation }, w.meta.bucketCount);
}
