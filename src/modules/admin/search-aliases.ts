// search/aliases: the admin page's "Search (JQL)" tab. The aliases come from the one list in the
// domain (src/domain/search-aliases.ts, the manifest and the README hold the same), with the
// values this site's configuration and release calendar make valid today.
import type { SearchAliasesView, SearchAliasView } from '../../contract/search';
import type { AdminWire } from '../../contract/wire';
import type { AppConfig } from '../../domain/app-config';
import { seriesThrough, type ReleaseCalendar } from '../../domain/releases';
import { ALIAS_VALUE_HELP, SEARCH_ALIASES, aliasValueLists, type AliasValue } from '../../domain/search-aliases';
import { loadAppConfig } from '../../storage/app-config';
import { loadReleaseCalendar } from '../../storage/release-calendar';
import type { Handlers } from '../shared/define-resolver';
import { requireAdmin } from './require-admin';

export const SEARCH_RULE =
  'Search a value as the app shows it, spelled the same (quote it when it has spaces or symbols), or by its id: both are indexed. After a rename, the new name is found once the portfolio index has been rebuilt (the hourly reconcile does it, or rebuild now on the Portfolio index tab); ids are found throughout.';

const quote = (v: string) => (/^[A-Za-z0-9.-]+$/.test(v) ? v : `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`);

export function searchAliasesView(config: Pick<AppConfig, 'fsts' | 'companies'>, calendar: ReleaseCalendar, now: Date): SearchAliasesView {
  // The series a person targets or reports on: the next open ones down to 2023.1, newest first.
  const releases = seriesThrough(calendar, now)
    .filter((r) => r.version)
    .reverse();
  const lists = aliasValueLists(config, releases);
  const aliases = SEARCH_ALIASES.map((a): SearchAliasView => {
    const values: AliasValue[] | undefined = lists[a.values];
    const first = values?.find((v) => v.shown);
    // The list's example, then the same query with this site's first value and its id.
    const examples = [a.example];
    if (first && a.type === 'string') {
      const id = first.also[first.also.length - 1];
      for (const v of [first.shown, id]) {
        const q = v === undefined ? undefined : `${a.alias} = ${quote(v)}`;
        if (q && !examples.includes(q)) examples.push(q);
      }
    }
    return {
      alias: a.alias,
      on: a.record === 'delivery' ? 'Upstream Deliverable' : 'Roadmap Item',
      meaning: a.meaning,
      valuesHelp: ALIAS_VALUE_HELP[a.values],
      examples,
      ...(values ? { values } : {}),
    };
  });
  return { rule: SEARCH_RULE, aliases };
}

export const searchAliases: Handlers<AdminWire>['search/aliases'] = {
  doing: 'list the JQL search aliases',
  async run(_input, ctx): Promise<SearchAliasesView> {
    await requireAdmin(ctx, 'see the LCOO search aliases');
    const [loaded, { calendar }] = await Promise.all([loadAppConfig(), loadReleaseCalendar()]);
    return searchAliasesView(loaded.config, calendar, new Date());
  },
};
