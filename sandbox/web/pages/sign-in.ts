// The sandbox's sign-in: pick one of the seeded people. Nothing else opens a page, runs an
// app function or calls the REST proxy without a signed-in person (or HTTP basic for REST).
import { esc, scriptJson } from '../http-util';
import { avatar, SIGN_IN_SCRIPT, type PageUser } from '../layout';
import { DATA_THEME } from '../tokens-css';

export function signInPage(users: PageUser[], back: string): string {
  const buttons = users
    .map(
      (u) =>
        `<li><button type="button" class="btn sign-in" data-email="${esc(u.email)}">${avatar(u.displayName)} ${esc(u.displayName)} <span class="subtle">${esc(u.email)}</span></button></li>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en" data-color-mode="light" data-theme="${DATA_THEME}">
<head><meta charset="utf-8"><title>Sign in - LCOO Jira sandbox</title>
<link rel="stylesheet" href="/static/tokens.css"><link rel="stylesheet" href="/static/jira.css"></head>
<body><main class="content sign-in-page">
<h1>Sign in to the LCOO Jira sandbox</h1>
<p>Choose a seeded person. Pages, app functions and the REST proxy act as the person signed in; scripts can use HTTP basic instead (a seeded email and any token).</p>
<ul class="sign-in-list">${buttons}</ul>
</main>
<script>${SIGN_IN_SCRIPT}
var back = ${scriptJson(back)};
document.querySelectorAll('button.sign-in').forEach(function (b) { b.addEventListener('click', function () { __sandboxSignIn(b.dataset.email, back); }); });
</script></body></html>`;
}
