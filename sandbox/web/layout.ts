// The Jira-like page shell: top navigation, project sidebar, user switcher, theme toggle,
// flag area, and the host side of the Forge bridge (frames on the page).
import type { FrameTarget } from '../host/forge-host';
import type { SeedStatus } from '../seed/seed-status';
import { esc, scriptJson } from './http-util';
import { seedNotice } from './seed-notice';
import { DATA_THEME } from './tokens-css';

export interface PageUser {
  accountId: string;
  email: string;
  displayName: string;
}

export interface FrameSpec {
  frameId: string;
  moduleKey: string;
  resourceKey: string;
  target: FrameTarget;
  title?: string;
}

export interface ShellInput {
  title: string;
  active: 'issues' | 'dashboard' | 'apps' | 'workflows' | 'roadmap';
  user: PageUser;
  users: PageUser[];
  colorMode: 'light' | 'dark';
  projectKey: string;
  resourceOrigin: string;
  hostOrigin: string;
  frames?: FrameSpec[];
  body: string;
  currentPath: string;
  /** A seed under way (npm start): the page says so above its content. */
  seed?: SeedStatus | undefined;
  /** The app's jira:globalPage modules: Jira lists them in the main navigation. */
  globalPages?: { href: string; title: string }[];
}

/** The script both the sign-in page and the header's user switcher use: a JSON POST, then back to the page. */
export const SIGN_IN_SCRIPT = `async function __sandboxSignIn(email, back) {
  var r = await fetch('/__sandbox/user', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: email }) });
  if (!r.ok) { var j = {}; try { j = await r.json(); } catch (e) {} alert(j.message || ('Could not sign in: HTTP ' + r.status)); return; }
  location.assign(back);
}`;

/** An <iframe> for one Custom UI resource on the resource origin. */
export function frameTag(f: FrameSpec, resourceOrigin: string, hostOrigin: string, extraClass = ''): string {
  const src = `${resourceOrigin}/${encodeURIComponent(f.resourceKey)}/index.html?hostOrigin=${encodeURIComponent(hostOrigin)}&frameId=${encodeURIComponent(f.frameId)}`;
  return `<iframe class="forge-frame ${esc(extraClass)}" data-frame-id="${esc(f.frameId)}" data-module-key="${esc(f.moduleKey)}" title="${esc(f.title ?? f.moduleKey)}" src="${esc(src)}"></iframe>`;
}

const initials = (name: string) =>
  name
    .split(/\s+/)
    .map((p) => p[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase();

export function avatar(name: string): string {
  let h = 0;
  for (const c of name) h = (h * 31 + c.charCodeAt(0)) % 360;
  return `<span class="avatar" style="background:hsl(${h} 45% 45%)" aria-hidden="true">${esc(initials(name))}</span>`;
}

export function statusLozenge(status: { name?: string; statusCategory?: { key?: string } } | undefined): string {
  const cat = status?.statusCategory?.key ?? 'new';
  const cls = cat === 'done' ? 'success' : cat === 'indeterminate' ? 'inprogress' : 'default';
  return `<span class="lozenge lozenge-${cls}" data-status-category="${esc(cat)}">${esc(status?.name ?? 'Unknown')}</span>`;
}

export function shell(p: ShellInput): string {
  const frames = Object.fromEntries((p.frames ?? []).map((f) => [f.frameId, { moduleKey: f.moduleKey, target: f.target }]));
  const nav = (key: ShellInput['active'], href: string, label: string) =>
    `<a class="side-link${p.active === key ? ' active' : ''}" href="${esc(href)}"${p.active === key ? ' aria-current="page"' : ''}>${esc(label)}</a>`;
  const options = p.users
    .map(
      (u) =>
        `<option value="${esc(u.email)}"${u.accountId === p.user.accountId ? ' selected' : ''}>${esc(u.displayName)} (${esc(u.email)})</option>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en" data-color-mode="${p.colorMode}" data-theme="${DATA_THEME}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(p.title)} - LCOO Jira sandbox</title>
<link rel="stylesheet" href="/static/tokens.css">
<link rel="stylesheet" href="/static/jira.css">
<script>window.__FORGE_HOST__ = ${scriptJson({ resourceOrigin: p.resourceOrigin, frames })};</script>
<script src="/static/host-bridge.js"></script>
</head>
<body>
<header class="topnav">
  <a class="logo" href="/projects/${esc(p.projectKey)}/issues"><span class="logo-mark" aria-hidden="true"></span>Jira <span class="sandbox-tag">sandbox</span></a>
  <nav class="topnav-links">
    <a href="/projects/${esc(p.projectKey)}/issues"${p.active === 'issues' ? ' class="active"' : ''}>Projects</a>
    <a href="/dashboard"${p.active === 'dashboard' ? ' class="active"' : ''}>Dashboards</a>
    <a href="/admin/apps"${p.active === 'apps' ? ' class="active"' : ''}>Apps</a>
    <a href="/admin/workflows"${p.active === 'workflows' ? ' class="active"' : ''}>Workflows</a>
  </nav>
  <div class="topnav-right">
    <button type="button" class="theme-toggle" id="theme-toggle" aria-label="Switch light or dark theme">${p.colorMode === 'dark' ? 'Light' : 'Dark'} theme</button>
    <div class="user-switcher">
      <label for="user-select" class="visually-hidden">Signed in as</label>
      ${avatar(p.user.displayName)}
      <select id="user-select" name="email">${options}</select>
    </div>
  </div>
</header>
<div class="frame">
  <aside class="sidebar">
    <div class="project-head"><span class="project-icon" aria-hidden="true">${esc(p.projectKey.slice(0, 2))}</span><div><strong>LCOO OpenStack Roadmap</strong><div class="subtle">Software project</div></div></div>
    <div class="side-group">PLANNING</div>
    ${nav('issues', `/projects/${p.projectKey}/issues`, 'Issues')}
    ${nav('dashboard', '/dashboard', 'Portfolio dashboard')}
    ${(p.globalPages ?? []).map((g) => nav('roadmap', g.href, g.title)).join('')}
    <div class="side-group">SETTINGS</div>
    ${nav('apps', '/admin/apps', 'App administration')}
    ${nav('workflows', '/admin/workflows', 'Workflows')}
  </aside>
  <main class="content" id="content">
${seedNotice(p.seed)}
${p.body}
  </main>
</div>
<div id="flags" class="flags" aria-live="polite"></div>
<script>
${SIGN_IN_SCRIPT}
document.getElementById('user-select').addEventListener('change', function () { __sandboxSignIn(this.value, ${scriptJson(p.currentPath)}); });
document.getElementById('theme-toggle').addEventListener('click', function () {
  var next = document.documentElement.getAttribute('data-color-mode') === 'dark' ? 'light' : 'dark';
  window.__forgeHost.setColorMode(next);
  this.textContent = (next === 'dark' ? 'Light' : 'Dark') + ' theme';
});
</script>
</body>
</html>`;
}
