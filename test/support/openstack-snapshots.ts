// Read files from the snapshots of openstack/releases and openstack/governance (bare git
// mirrors), so the built-in reference data is checked against its source on every test run.
// The mirrors are found at $OPENSTACK_MIRRORS/<owner>+<name>/repo (default /work/.mirror), where
// the team's machines keep them. A fresh CI machine has no such mirror and no internet to fetch
// one, so the checks against them run where the mirrors are (`describeWithSnapshots`) and say
// they were skipped elsewhere; REQUIRE_OPENSTACK_SNAPSHOTS=1 makes a missing mirror fail instead.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const MIRRORS = process.env.OPENSTACK_MIRRORS ?? '/work/.mirror';

export type OpenStackRepo = 'openstack/releases' | 'openstack/governance';

const mirrorDir = (repo: OpenStackRepo) => join(MIRRORS, repo.replace('/', '+'), 'repo');

/** Both snapshots are on this machine. */
export function snapshotsPresent(): boolean {
  return existsSync(mirrorDir('openstack/releases')) && existsSync(mirrorDir('openstack/governance'));
}

/**
 * `describe` where the snapshots are (or REQUIRE_OPENSTACK_SNAPSHOTS=1, so that a missing one
 * fails with where it was looked for). Elsewhere the block's body is not run (it reads the
 * snapshots as it declares its tests) and one skipped test says why.
 */
export function describeWithSnapshots(name: string, body: () => void): void {
  if (snapshotsPresent() || process.env.REQUIRE_OPENSTACK_SNAPSHOTS === '1') return describe(name, body);
  describe.skip(name, () => {
    it(`needs the openstack/releases and openstack/governance snapshots under ${MIRRORS} (set OPENSTACK_MIRRORS)`, () => undefined);
  });
}

function gitDir(repo: OpenStackRepo): string {
  const dir = mirrorDir(repo);
  if (!existsSync(dir))
    throw new Error(
      `The ${repo} snapshot is missing at ${dir}. Set OPENSTACK_MIRRORS to the folder holding ${repo.replace('/', '+')}/repo.`,
    );
  return dir;
}

/** The commit the snapshot is at, and its date: what "as of" means for the data checked. */
export function snapshotCommit(repo: OpenStackRepo): { sha: string; date: string } {
  const [sha, date] = execFileSync('git', ['--git-dir', gitDir(repo), 'log', '-1', '--format=%H %cI', 'HEAD'], { encoding: 'utf8' })
    .trim()
    .split(' ');
  return { sha: sha!, date: date! };
}

/**
 * A YAML file of the snapshot, parsed. Dates stay strings (YAML 1.2 core schema). PyYAML, which
 * reads these files upstream, lets a later duplicate key win (governance's legacy.yaml has some): so here.
 */
export function snapshotYaml<T>(repo: OpenStackRepo, path: string): T {
  const text = execFileSync('git', ['--git-dir', gitDir(repo), 'show', `HEAD:${path}`], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return parse(text, { uniqueKeys: false }) as T;
}
