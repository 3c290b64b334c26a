// axe-core in a page or frame: its source is injected as a script (it is not part of any bundle
// the app ships), then axe.run checks the document. Used by the browser tests and the bench.
import { readFileSync } from 'node:fs';
import type { Frame, Page } from 'playwright-core';

let source: string | undefined;

export interface AxeViolation {
  id: string;
  nodes: number;
  /** The first few offending elements with axe's message, for a failure that says what to fix. */
  examples: string[];
}

/** axe's violations (WCAG 2 A/AA rules and best practices) on the document in `target`. */
export async function axeViolations(target: Page | Frame): Promise<AxeViolation[]> {
  source ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await target.evaluate(() => 'axe' in window))) await target.evaluate(source);
  return target.evaluate(async () => {
    type Result = { violations: { id: string; nodes: { target: string[]; failureSummary?: string }[] }[] };
    const axe = (window as unknown as { axe: { run: (d: Document) => Promise<Result> } }).axe;
    const result = await axe.run(document);
    return result.violations.map((v) => ({
      id: v.id,
      nodes: v.nodes.length,
      examples: v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`),
    }));
  });
}
