// For a Chromium test file over the seeded LCOO site: one sandbox with the full seed and one
// browser, started before the file's tests and stopped after them (jest hooks registered here).
import { launchBrowser, type TestBrowser } from './browser';
import { startSandbox, type TestSandbox } from './sandbox';

export interface SeededBrowser {
  /** The sandbox (valid inside tests). */
  readonly sb: TestSandbox;
  /** The browser (valid inside tests). */
  readonly b: TestBrowser;
}

export function useSeededSandboxAndBrowser(): SeededBrowser {
  let sb: TestSandbox | undefined;
  let b: TestBrowser | undefined;
  beforeAll(async () => {
    sb = await startSandbox({ seed: 'full' });
    b = await launchBrowser();
  }, 300_000);
  afterAll(async () => {
    await b?.close();
    await sb?.stop();
  });
  const started = <T>(v: T | undefined, what: string): T => {
    if (v === undefined) throw new Error(`The ${what} is not started: use it inside a test`);
    return v;
  };
  return {
    get sb() {
      return started(sb, 'sandbox');
    },
    get b() {
      return started(b, 'browser');
    },
  };
}
