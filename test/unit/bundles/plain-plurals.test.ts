// Every count a person reads is a proper plural ("1 item", "3 items"), never "item(s)": on the
// gadget, the panel, the pages and in the resolvers' messages. The gadget's e2e test reads its
// rendered text; this scan holds every other screen and message to the same rule, at the source.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const ROOT = join(__dirname, '..', '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist') return [];
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

/** Text a person can read (string and template literals, JSX text) holding a word followed by "(s)". */
function offenders(file: string, text = readFileSync(file, 'utf8')): string[] {
  const source = ts.createSourceFile(
    file,
    text,
    ts.ScriptTarget.Latest,
    true,
    file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (
      (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateLiteralToken(node) || ts.isJsxText(node)) &&
      /[A-Za-z]\(s\)/.test(node.text)
    ) {
      found.push(`${relative(ROOT, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${node.text.trim()}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

test('no screen or message of the app, its sandbox or its scripts says "item(s)", "group(s)" or the like', () => {
  const found = ['src', 'static', 'sandbox', 'scripts', 'bench']
    .flatMap((dir) => sources(join(ROOT, dir)))
    .flatMap((file) => offenders(file));
  expect(found).toEqual([]);
});

test('the scan finds "(s)" in strings, templates and JSX text, and not in code or comments', () => {
  const probe = [
    '// a comment about lead(s)',
    'const a = needsResave(s);',
    "const b = 'one group(s)';",
    'const c = `${n} item(s) changed`;',
    'const d = <p>{n} version(s)</p>;',
  ].join('\n');
  expect(offenders(join(ROOT, 'probe.tsx'), probe).map((f) => f.replace(/^.*?: /, ''))).toEqual([
    'one group(s)',
    'item(s) changed',
    'version(s)',
  ]);
});
