// The layering check of `npm run lint` (.dependency-cruiser.cjs) fails on a forbidden import:
// run on test/fixtures/layering, a small tree that breaks each rule once, it names every one.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_DIR } from '../support/sandbox';

const FIXTURE = join(REPO_DIR, 'test', 'fixtures', 'layering');

interface Report {
  summary: { violations: { rule: { name: string }; from: string; to: string }[] };
}

function cruise(cwd: string, ...paths: string[]): Report {
  const bin = join(REPO_DIR, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
  const args = [bin, '--config', join(REPO_DIR, '.dependency-cruiser.cjs'), '--output-type', 'json', ...paths];
  try {
    return JSON.parse(execFileSync(process.execPath, args, { cwd, encoding: 'utf8' })) as Report;
  } catch (err) {
    // depcruise exits non-zero when it finds violations; the report is still on stdout.
    return JSON.parse((err as { stdout: string }).stdout) as Report;
  }
}

test('each forbidden import of the fixture tree is reported, by its rule', () => {
  const found = cruise(FIXTURE, 'src', 'static').summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`);
  expect(found.sort()).toEqual(
    [
      'apps-stay-apart: static/app/src/uses-other-app.ts -> static/other/src/other.ts',
      'contract-imports: src/contract/uses-records.ts -> src/records/record.ts',
      'domain-does-no-io: src/domain/uses-node.ts -> fs',
      'domain-is-pure: src/domain/uses-jira.ts -> src/jira/client.ts',
      'domain-is-pure-types: src/domain/uses-jira.ts -> src/jira/client.ts',
      'jira-imports: src/jira/uses-storage.ts -> src/storage/keys.ts',
      'no-cycles: src/usecases/a.ts -> src/usecases/b.ts',
      'src-stays-in-src: src/modules/module.ts -> sandbox/sandbox.ts',
      'static-takes-types-only: static/app/src/runtime-contract.ts -> src/contract/schemas.ts',
      'static-uses-the-contract: static/app/src/uses-domain.ts -> src/domain/uses-node.ts',
      'usecases-imports: src/usecases/uses-modules.ts -> src/modules/module.ts',
    ].sort(),
  );
  // An import of contract types only is fine.
  expect(found.some((f) => f.includes('types-only.ts'))).toBe(false);
});
