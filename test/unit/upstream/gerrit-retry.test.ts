// A connection that fails (undici: "fetch failed" with ECONNRESET as its cause, as a kept-alive
// socket the server just closed does) is tried once more; a second failure says why; an answer,
// even an error answer, is never repeated.
import { readGerritChanges, type GerritDeps } from '../../../src/upstream/gerrit-client';

const EMPTY = ")]}'\n[]";
function socketClosed(): Error {
  return new TypeError('fetch failed', { cause: Object.assign(new Error('other side closed'), { code: 'ECONNRESET' }) });
}
function fetchOf(answers: (() => Promise<{ status: number; text(): Promise<string> }>)[]): {
  fetch: NonNullable<GerritDeps['fetch']>;
  calls: () => number;
} {
  let n = 0;
  return {
    fetch: () => {
      const next = answers[Math.min(n, answers.length - 1)]!;
      n += 1;
      return next();
    },
    calls: () => n,
  };
}
const ok = () => Promise.resolve({ status: 200, text: () => Promise.resolve(EMPTY) });
const fail = () => Promise.reject(socketClosed());

test('one failed connection is tried again and the read goes on', async () => {
  const f = fetchOf([fail, ok]);
  const read = await readGerritChanges([912345], { fetch: f.fetch, baseUrl: 'https://review.opendev.org' });
  expect(read.notFound).toEqual([912345]);
  expect(f.calls()).toBe(2);
});

test('two failed connections: unreachable, with the reason Node gave', async () => {
  const f = fetchOf([fail]);
  await expect(readGerritChanges([912345], { fetch: f.fetch, baseUrl: 'https://review.opendev.org' })).rejects.toThrow(
    'Gerrit could not be reached (fetch failed: ECONNRESET).',
  );
  expect(f.calls()).toBe(2);
});

test('an error answer is not repeated', async () => {
  const f = fetchOf([() => Promise.resolve({ status: 503, text: () => Promise.resolve('busy') })]);
  await expect(readGerritChanges([912345], { fetch: f.fetch, baseUrl: 'https://review.opendev.org' })).rejects.toThrow(
    'Gerrit answered 503',
  );
  expect(f.calls()).toBe(1);
});
