// How a rebuild step stays within one invocation: before each unit of work (a search page, a
// group of record re-indexes, the write of what the step derived, a group of buckets swept, the
// last read), it checks that the unit would still end within the step's budget at the WORST
// cost seen for that kind of unit (or an assumed cost until one is seen), leaving room for the
// units that must follow it (the write). A budget checked only when a unit starts lets the unit
// in progress run past it: a page starting at 6.9 s of 7 that takes 4 s ends at 10.9 s.
// Pure: the clock is injected (tests run it by hand).

export type UnitKind = 'page' | 'reindex' | 'write' | 'sweep' | 'finish';

export class StepBudget {
  private readonly started: number;
  private readonly worst = new Map<UnitKind, number>();

  constructor(
    private readonly now: () => number,
    /** The step's budget (ms): no unit starts that would, at its worst seen cost, end past it. */
    readonly budgetMs: number,
    /** Costs assumed for a kind until one has been measured (the slowest of earlier steps, or a default). */
    private readonly assumed: Readonly<Record<UnitKind, number>>,
  ) {
    this.started = now();
  }

  elapsed(): number {
    return this.now() - this.started;
  }

  /** The cost this step counts on for a unit of this kind. */
  costOf(kind: UnitKind): number {
    return Math.max(this.worst.get(kind) ?? 0, this.assumed[kind]);
  }

  /** Whether a unit of `kind`, and then the units `after` it that must follow, end within the budget. */
  fits(kind: UnitKind, ...after: UnitKind[]): boolean {
    const cost = [kind, ...after].reduce((sum, k) => sum + this.costOf(k), 0);
    return this.elapsed() + cost <= this.budgetMs;
  }

  /** Runs one unit and remembers its cost. */
  async run<T>(kind: UnitKind, work: () => Promise<T>): Promise<T> {
    const t = this.now();
    try {
      return await work();
    } finally {
      const took = this.now() - t;
      this.worst.set(kind, Math.max(this.worst.get(kind) ?? 0, took));
    }
  }

  /** The worst cost seen per kind in this step (carried to the next step as its assumption). */
  seen(): Partial<Record<UnitKind, number>> {
    return Object.fromEntries(this.worst);
  }
}
