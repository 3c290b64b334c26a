// The notice every sandbox page shows while `npm start` seeds the LCOO roadmap: what the seed
// is doing and how far it is, updated in place (GET /__sandbox/seed), then that it is done
// with a button to reload the page, or why it stopped. Without it the issue list says "No
// issues match" and issues "do not exist" for the seconds the seed takes, with no reason given.
import type { SeedStatus } from '../seed/seed-status';
import { esc } from './http-util';

export interface SeedNoticeData {
  state: SeedStatus['state'] | 'none';
  done: number;
  total: number;
  title: string;
  message: string;
  restartedBecause?: string;
}

const PHASE: Record<NonNullable<SeedStatus['phase']>, string> = {
  setup: 'Setting up the issue types, statuses and workflows through the app',
  'roadmap-items': 'Making the Roadmap Items',
  deliverables: 'Making the Upstream Deliverables',
  settling: 'Indexing the last changes',
};

export function seedNoticeData(s: SeedStatus | undefined): SeedNoticeData {
  if (!s) return { state: 'none', done: 0, total: 0, title: '', message: '' };
  const restarted = s.restartedBecause ? { restartedBecause: s.restartedBecause } : {};
  if (s.state === 'done') {
    return {
      state: 'done',
      done: s.total,
      total: s.total,
      title: 'The LCOO roadmap is seeded',
      message: `${s.summary ?? `${s.total} issues`}, each made through the app and its stage gates. Reload the page to see them.`,
      ...restarted,
    };
  }
  if (s.state === 'failed') {
    return {
      state: 'failed',
      done: s.done,
      total: s.total,
      title: 'Seeding the LCOO roadmap stopped',
      message: `${s.error ?? 'The seed failed.'} The sandbox keeps running with the ${s.done} issues made so far; the next npm start seeds again from the start.`,
      ...restarted,
    };
  }
  const count = s.total > 0 ? `${s.done} of ${s.total} issues are ready. ` : '';
  return {
    state: 'running',
    done: s.done,
    total: s.total,
    title: 'Seeding the LCOO roadmap',
    message: `${PHASE[s.phase ?? 'setup']}... ${count}Until it is done, the issue list is incomplete and some issues do not exist yet; this notice says when it is done.`,
    ...restarted,
  };
}

/** The notice's HTML for a page rendered while a seed runs or after it failed; '' otherwise. */
export function seedNotice(s: SeedStatus | undefined): string {
  const d = seedNoticeData(s);
  if (d.state === 'none' || d.state === 'done') return '';
  return `<section class="seed-notice seed-${d.state}" id="seed-notice" role="status" aria-live="polite" data-seed-state="${d.state}">
  <strong id="seed-title">${esc(d.title)}</strong>
  <progress id="seed-progress" max="${Math.max(d.total, 1)}" value="${d.done}" aria-label="Issues seeded"></progress>
  <p id="seed-message">${esc(d.message)}</p>
  ${d.restartedBecause ? `<p class="subtle" id="seed-restarted">${esc(d.restartedBecause)}</p>` : ''}
  <button type="button" class="btn btn-primary" id="seed-reload" hidden onclick="location.reload()">Reload this page</button>
</section>
<script>
(function () {
  var box = document.getElementById('seed-notice');
  function show(d) {
    box.setAttribute('data-seed-state', d.state);
    box.className = 'seed-notice seed-' + d.state;
    document.getElementById('seed-title').textContent = d.title;
    document.getElementById('seed-message').textContent = d.message;
    var bar = document.getElementById('seed-progress');
    bar.max = Math.max(d.total, 1);
    bar.value = d.done;
    document.getElementById('seed-reload').hidden = d.state !== 'done';
  }
  function poll() {
    fetch('/__sandbox/seed', { headers: { accept: 'application/json' } })
      .then(function (r) { return r.json(); })
      .then(function (d) {
        if (d.state !== 'none') show(d);
        if (d.state === 'running') setTimeout(poll, 700);
      })
      .catch(function () { setTimeout(poll, 2000); });
  }
  if (box.getAttribute('data-seed-state') === 'running') setTimeout(poll, 700);
})();
</script>`;
}
