// Every Jira route the app's code can call, read from the source itself: each tagged template
// route`...` in src/ and the HTTP method its call passes (client.request / client.send /
// runJiraTask, or the call that receives a variable holding the route). A test proves this
// list complete against what the app actually sends, so it cannot drift from the code.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

export interface AppRoute {
  method: string;
  /** The template with each ${...} as {param}, query string kept. */
  template: string;
  file: string;
}

const HTTP_METHOD = /^(GET|POST|PUT|DELETE|PATCH)$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sourceFiles(p) : /\.tsx?$/.test(name) ? [p] : [];
  });
}

function templateText(t: ts.TemplateLiteral): string {
  if (ts.isNoSubstitutionTemplateLiteral(t)) return t.text;
  return t.head.text + t.templateSpans.map((s) => `{param}${s.literal.text}`).join('');
}

/** The first string-literal argument of a call that is an HTTP method. */
function methodOf(call: ts.CallExpression): string | undefined {
  for (const a of call.arguments) if (ts.isStringLiteral(a) && HTTP_METHOD.test(a.text)) return a.text;
  return undefined;
}

function enclosingCall(node: ts.Node): ts.CallExpression | undefined {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isCallExpression(n)) return n;
    if (ts.isVariableDeclaration(n) || ts.isFunctionLike(n)) return undefined;
  }
  return undefined;
}

/** `const path = cond ? route`a` : route`b`; client.request('GET', path, ...)`: the calls that take the variable. */
function callsTakingVariable(node: ts.Node): ts.CallExpression[] {
  let decl: ts.Node | undefined = node.parent;
  while (decl && !ts.isVariableDeclaration(decl) && !ts.isFunctionLike(decl)) decl = decl.parent;
  if (!decl || !ts.isVariableDeclaration(decl) || !ts.isIdentifier(decl.name)) return [];
  const name = decl.name.text;
  let scope: ts.Node | undefined = decl.parent;
  while (scope && !ts.isFunctionLike(scope) && !ts.isSourceFile(scope)) scope = scope.parent;
  const out: ts.CallExpression[] = [];
  const visit = (n: ts.Node) => {
    if (ts.isCallExpression(n) && n.arguments.some((a) => ts.isIdentifier(a) && a.text === name)) out.push(n);
    ts.forEachChild(n, visit);
  };
  if (scope) visit(scope);
  return out;
}

export function appRoutes(srcDir: string): AppRoute[] {
  const routes: AppRoute[] = [];
  for (const file of sourceFiles(srcDir)) {
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (n: ts.Node) => {
      if (ts.isTaggedTemplateExpression(n) && ts.isIdentifier(n.tag) && n.tag.text === 'route') {
        const direct = enclosingCall(n);
        const calls = direct ? [direct] : callsTakingVariable(n);
        const methods = [...new Set(calls.map(methodOf).filter((m): m is string => !!m))];
        const template = templateText(n.template);
        if (methods.length === 0) throw new Error(`${relative(srcDir, file)}: no HTTP method found for route\`${template}\``);
        for (const method of methods) routes.push({ method, template, file: relative(srcDir, file) });
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return routes;
}
