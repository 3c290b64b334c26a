// The admin page's "Portfolio index" tab: the index's state and the rebuild's progress.
import { z } from 'zod';

export const IndexRequestSchema = z.object({});

export interface IndexStatusView {
  /** 'ready': the gadget answers from the index; 'empty': it searches Jira until the first rebuild ends. */
  state: 'ready' | 'empty';
  builtAt?: string;
  reconciledAt?: string;
  fullPassAt?: string;
  /** Items in the index (its rows), and its buckets. */
  rows: number;
  buckets: number;
  rebuild?: {
    state: 'running' | 'done' | 'failed';
    startedAt: string;
    finishedAt?: string;
    done: number;
    total?: number;
    steps: number;
    longestStepMs: number;
    error?: string;
    /** True when the last step is so long ago that the rebuild counts as stopped: resume it. */
    stalled?: boolean;
    /** Records whose JQL search values the rebuild rewrote (new names, the current rule), and those left for the next rebuild. */
    reindexed?: number;
    reindexLeft?: number;
  };
}
