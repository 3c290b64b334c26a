// What the LCOO roadmap page (jira:globalPage lcoo-roadmap-page) and its resolver exchange.
// Payload schemas are values (the resolver parses with them); answers are types only.
import { z } from 'zod';
import { QuarterIdSchema } from '../domain/roadmap/quarter';

export const DraftLoadInputSchema = z.object({ quarter: QuarterIdSchema.optional() }).strict();

/** One member company on a draft item: who joined and how many people it committed. */
export interface DraftCompany {
  id: string;
  name: string;
  interested: boolean;
  people: number;
}

/** A Roadmap Item of the quarter's draft, as the portfolio index holds it. */
export interface DraftItem {
  key: string;
  summary: string;
  stage: string;
  statusName: string;
  fst?: { id: string; name: string };
  type?: string;
  size?: string;
  /** The target release (series id) and its label ("2027.1 Indri"). */
  release?: { id: string; label: string };
  companies: DraftCompany[];
  integrity: string;
  slipped: boolean;
}

/** What one page load cost: Jira REST calls and storage calls, as the resolver counted them. */
export interface LoadCost {
  jiraCalls: number;
  storageCalls: number;
  ms: number;
}

export interface DraftView {
  quarter: { id: string; label: string };
  items: DraftItem[];
  /** Where the rows came from: the app's portfolio index, or a Jira search before its first build. */
  source: 'index' | 'search';
  /** Items of a security level the person may not see, left out. */
  hidden: number;
  cost: LoadCost;
}
