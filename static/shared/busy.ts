// While the app is loading what it shows, the page says so the way assistive technology reads
// it: aria-busy="true" on the body, "false" once data or an error is on screen (WAI-ARIA
// aria-busy). Screen readers wait for it; so do the browser tests and the bench.
let pending = 0;

const show = (busy: boolean) => document.body.setAttribute('aria-busy', busy ? 'true' : 'false');

/** The app's one load state: busy until its content (or why there is none) is on screen. */
export function markBusy(busy: boolean): void {
  show(busy);
}

/** For a page with several independent loads (the admin page's tabs): busy while any of them runs. */
export function whileLoading<T>(load: Promise<T>): Promise<T> {
  pending += 1;
  show(true);
  return load.finally(() => {
    pending -= 1;
    show(pending > 0);
  });
}
