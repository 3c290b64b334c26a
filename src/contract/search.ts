// What crosses the bridge for the admin page's "Search (JQL)" tab (admin-resolver key
// search/aliases): every LCOO JQL alias with what it holds, example queries, and the values
// valid on this site today (the configuration's FSTs and companies, the calendar's series).
import { z } from 'zod';
import type { AliasValue } from '../domain/search-aliases';

export type { AliasValue } from '../domain/search-aliases';

export const SearchAliasesInputSchema = z.object({}).loose();

export interface SearchAliasView {
  alias: string;
  on: 'Roadmap Item' | 'Upstream Deliverable';
  meaning: string;
  /** What a query may compare it with, in a line. */
  valuesHelp: string;
  /** Queries a person would write, with this site's values. */
  examples: string[];
  /** The values valid today, where the site has a list of them. */
  values?: AliasValue[];
}

export interface SearchAliasesView {
  /** The one rule every alias follows. */
  rule: string;
  aliases: SearchAliasView[];
}
