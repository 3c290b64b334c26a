// `forge deploy` compiles src/ with ts-loader and the tsconfig that @forge/bundler finds for
// the app (its TSConfigInteractor, out/tsconfig-interactor.js). ts-loader needs TypeScript to
// emit: "noEmit" (or declaration-only output) there stops the deploy with "TypeScript emitted
// no output for src/index.ts". The full bundle runs in `npm run lint`
// (scripts/check-forge-bundle.ts); this is the quick check of the same file.
import { FileSystemReader } from '@forge/cli-shared';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { TSConfigInteractor } from '@forge/bundler/out/tsconfig-interactor';

const root = resolve(__dirname, '..', '..', '..');

function bundlerTsconfig() {
  const path = new TSConfigInteractor(new FileSystemReader(), root).getTSConfigPath();
  const read = ts.readConfigFile(path, (p) => ts.sys.readFile(p));
  if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, '\n'));
  return { path, parsed: ts.parseJsonConfigFileContent(read.config, ts.sys, root) };
}

describe('the tsconfig @forge/bundler compiles the backend with', () => {
  it('is the app’s own tsconfig.json and parses without errors', () => {
    const { path, parsed } = bundlerTsconfig();
    expect(path).toBe(join(root, 'tsconfig.json'));
    expect(parsed.errors.map((e) => ts.flattenDiagnosticMessageText(e.messageText, '\n'))).toEqual([]);
  });

  it('lets TypeScript emit JavaScript, so ts-loader has output for src/index.ts', () => {
    const { parsed } = bundlerTsconfig();
    expect(parsed.options.noEmit ?? false).toBe(false);
    expect(parsed.options.emitDeclarationOnly ?? false).toBe(false);
    expect(parsed.fileNames).toContain(join(root, 'src', 'index.ts'));
  });

  it('describes the backend runtime: no DOM, no test globals', () => {
    const { parsed } = bundlerTsconfig();
    expect((parsed.options.lib ?? []).some((l) => /dom/i.test(l))).toBe(false);
    expect(parsed.options.types).toEqual(['node']);
  });
});
