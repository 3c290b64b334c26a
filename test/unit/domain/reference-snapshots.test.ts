// Issue 11, items 8 and 11: the built-in reference data (src/domain/releases.ts and
// src/domain/openstack-projects.ts) is checked against its sources on every run, read from the
// snapshots of openstack/releases and openstack/governance (test/support/openstack-snapshots.ts).
// The data is written by hand in the source files; this test is what keeps it true: a status,
// date, milestone, team or specs repository that differs from the snapshot fails here.
import { BUILTIN_RELEASES, OPENSTACK_PROJECT_LIST, releaseStatusAt, type ReleaseStatus } from '../../../src/domain';
import { describeWithSnapshots, snapshotCommit, snapshotYaml } from '../../support/openstack-snapshots';

/** The day the facts are as of; the releases snapshot (2026-08-21) announces the phases due by then. */
const AS_OF = '2026-11-29';

interface SeriesStatusRow {
  name: string;
  'release-id'?: number | string;
  status: string;
  slurp?: boolean | string;
  'initial-release': string;
  'eol-date'?: string;
  'next-phase'?: { status: string; date?: string };
}

interface ScheduleYaml {
  cycle: { start: string; end: string; name?: string; 'x-project'?: string[] | null }[];
}

interface Team {
  deliverables?: Record<string, { repos?: string[] }>;
}

const toStatus = (s: string): ReleaseStatus => (s === 'end of life' ? 'end-of-life' : (s as ReleaseStatus));
const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
/** Team and project names compared without case, spaces or hyphens ("OpenStack-Ansible" is governance's "OpenStackAnsible"). */
const norm = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

describeWithSnapshots('the release calendar against openstack/releases', () => {
  const rows = snapshotYaml<SeriesStatusRow[]>('openstack/releases', 'data/series_status.yaml');
  const byName = new Map(rows.map((r) => [r.name, r]));

  it('reads a snapshot that announces the phases due by 2026-11-29', () => {
    const { date } = snapshotCommit('openstack/releases');
    expect(date.slice(0, 10) <= AS_OF).toBe(true);
  });

  it('has every series of series_status.yaml, with its number, release date and SLURP flag', () => {
    expect(BUILTIN_RELEASES.map((r) => r.id).sort()).toEqual(rows.map((r) => r.name).sort());
    for (const r of BUILTIN_RELEASES) {
      const row = byName.get(r.id)!;
      expect({ id: r.id, version: r.version, date: r.firstReleaseDate, slurp: r.slurp }).toEqual({
        id: r.id,
        version: row['release-id'] === undefined ? undefined : String(row['release-id']),
        date: row['initial-release'],
        slurp: row.slurp === true || row.slurp === 'yes',
      });
    }
  });

  it('has the status of each series on 2026-11-29: the published one, or the next phase once its date has come', () => {
    for (const r of BUILTIN_RELEASES) {
      const row = byName.get(r.id)!;
      const next = row['next-phase'];
      const due = next?.date !== undefined && next.date <= AS_OF;
      const expected = due ? { status: toStatus(next.status), since: next.date } : { status: toStatus(row.status) };
      const actual = releaseStatusAt(r, `${AS_OF}T12:00:00Z`);
      expect({ id: r.id, status: actual.status }).toEqual({ id: r.id, status: expected.status });
      if (due) expect({ id: r.id, since: actual.since }).toEqual({ id: r.id, since: expected.since });
      if (expected.status === 'end-of-life' && row['eol-date'])
        expect({ id: r.id, since: r.statusSince }).toEqual({ id: r.id, since: row['eol-date'] });
      // The phase still to come, as announced (Flamingo end of life on 2027-04-28, ...).
      if (next && !due) expect({ id: r.id, next: r.nextPhase?.status }).toEqual({ id: r.id, next: toStatus(next.status) });
      if (next?.date && !due) expect({ id: r.id, date: r.nextPhase?.date }).toEqual({ id: r.id, date: next.date });
    }
  });

  it('has the milestones of every series with a schedule.yaml from 2024.1 on, on the days the schedule sets', () => {
    const withSchedule = BUILTIN_RELEASES.filter((r) => r.version && r.version >= '2024.1');
    expect(withSchedule.map((r) => r.id)).toEqual(expect.arrayContaining(['hibiscus', 'indri']));
    for (const r of withSchedule) {
      const schedule = snapshotYaml<ScheduleYaml>('openstack/releases', `doc/source/${r.id}/schedule.yaml`);
      const letter = r.id[0];
      const week = (tag: string) => {
        const w = schedule.cycle.find((c) => (c['x-project'] ?? []).includes(`${letter}-${tag}`));
        if (!w) throw new Error(`${r.id}: no ${letter}-${tag} week`);
        return w.start;
      };
      // schedule.rst: "Deadlines are generally the Thursday of the week"; RC1 is a target week (its Monday).
      const expected = {
        'milestone-1': addDays(week('1'), 3),
        'milestone-2': addDays(week('2'), 3),
        'milestone-3': addDays(week('3'), 3),
        'feature-freeze': addDays(week('ff'), 3),
        rc1: week('rc1'),
        final: r.firstReleaseDate,
      };
      const actual = Object.fromEntries(r.milestones.map((m) => [m.kind, m.date]));
      expect({ id: r.id, milestones: actual }).toEqual({ id: r.id, milestones: expected });
    }
  });
});

describeWithSnapshots('the project list against openstack/governance', () => {
  const teams = snapshotYaml<Record<string, Team>>('openstack/governance', 'reference/projects.yaml');
  const legacy = snapshotYaml<Record<string, { 'retired-on'?: string }>>('openstack/governance', 'reference/legacy.yaml');
  const teamByNorm = new Map(Object.entries(teams).map(([name, t]) => [norm(name), t]));
  const legacyByNorm = new Map(Object.entries(legacy).map(([name, t]) => [norm(name), t]));
  const reposOf = (t: Team) => Object.values(t.deliverables ?? {}).flatMap((d) => d.repos ?? []);
  const deliverablesOf = (t: Team) => Object.keys(t.deliverables ?? {}).map(norm);

  it('offers every project team of projects.yaml, and no team that is not there', () => {
    const activeTeams = OPENSTACK_PROJECT_LIST.filter((p) => p.status === 'active' && p.team === p.name).map((p) => norm(p.name));
    expect(activeTeams.sort()).toEqual([...teamByNorm.keys()].sort());
  });

  it('files each deliverable it names under the team that owns it', () => {
    for (const p of OPENSTACK_PROJECT_LIST.filter((x) => x.status === 'active' && x.team !== x.name)) {
      const team = teamByNorm.get(norm(p.team));
      expect({ name: p.name, team: p.team, known: team !== undefined }).toEqual({ name: p.name, team: p.team, known: true });
      expect({ name: p.name, deliverableOfTeam: deliverablesOf(team!).includes(norm(p.name)) }).toEqual({
        name: p.name,
        deliverableOfTeam: true,
      });
    }
  });

  it('names only specs repositories that governance lists under the same team', () => {
    for (const p of OPENSTACK_PROJECT_LIST.filter((x) => x.specsRepo && x.status === 'active')) {
      const team = teamByNorm.get(norm(p.team))!;
      expect({ name: p.name, repo: p.specsRepo, listed: reposOf(team).includes(p.specsRepo!) }).toEqual({
        name: p.name,
        repo: p.specsRepo,
        listed: true,
      });
    }
  });

  it('marks retired exactly the projects legacy.yaml retired, on its date, and Zuul as not OpenStack', () => {
    for (const p of OPENSTACK_PROJECT_LIST.filter((x) => x.status === 'retired')) {
      const entry = legacyByNorm.get(norm(p.name));
      expect({ name: p.name, retiredOn: p.retiredOn }).toEqual({ name: p.name, retiredOn: entry?.['retired-on'] });
      expect({ name: p.name, stillATeam: teamByNorm.has(norm(p.name)) }).toEqual({ name: p.name, stillATeam: false });
    }
    const zuul = OPENSTACK_PROJECT_LIST.find((p) => p.name === 'Zuul');
    expect(zuul?.status).toBe('not-openstack');
    expect(teamByNorm.has('zuul') || legacyByNorm.has('zuul')).toBe(false);
  });
});
