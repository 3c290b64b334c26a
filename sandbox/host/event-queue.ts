// Forge async events for the sandbox: what the real, unmodified @forge/events 3.0.8 sends
// (out/queue.js, out/queries.js, out/jobProgress.js) through `__forge_fetch__` as the app to
// the "stargate" remote, answered here, and the consumer modules (manifest `consumer`) invoked
// with each event, each in its own invocation, after the push has answered (as Forge does).
//   POST /webhook/queue/publish/{contextAri}/{environmentId}/{appId}/{appVersion}
//        {queueName, jobId, type, schema, payload: [{body, delayInSeconds?, concurrency?}], time} -> 201
//   POST /webhook/queue/stats/...   {queueName, jobId, time} -> 200 {success, inProgress, failed} | 404
//   POST /webhook/queue/cancel/...  {queueName, jobId, time} -> 204 | 404
// A consumer that returns an InvocationError (serialised {_retry: true, retryOptions}) is
// invoked again with `retryContext`, at most MAX_RETRIES times; one that throws has failed.
// Sources and what no source settles: docs/platform-facts.md, "Forge async events".
import { randomUUID } from 'node:crypto';
import { z } from 'zod';

export const MAX_RETRIES = 4;
const MAX_EVENTS = 50;
const MAX_PAYLOAD_BYTES = 200 * 1024;

const PushSchema = z.object({
  queueName: z.string().regex(/^[a-zA-Z0-9-_]+$/),
  jobId: z.string().min(1),
  type: z.string(),
  schema: z.string(),
  payload: z
    .array(z.object({ body: z.record(z.string(), z.unknown()), delayInSeconds: z.number().min(0).max(900).optional() }).loose())
    .min(1)
    .max(MAX_EVENTS),
  time: z.string(),
});
const JobSchema = z.object({ queueName: z.string(), jobId: z.string().min(1), time: z.string().optional() });

export interface QueueReply {
  status: number;
  body?: unknown;
}

/** Runs one consumer invocation: (consumer module key, function key, event) -> what the handler returned. */
export type ConsumerRunner = (moduleKey: string, functionKey: string, event: Record<string, unknown>) => Promise<unknown>;

interface Job {
  queueName: string;
  success: number;
  inProgress: number;
  failed: number;
  cancelled: boolean;
}

export interface EventQueueEmulator {
  handle(path: string, body: unknown): QueueReply;
  /** Resolves when every event pushed so far (and every event those pushed) has been consumed. */
  settled(): Promise<void>;
  /** Events pushed so far, per queue (tests and the bench read it). */
  pushed(queueName?: string): number;
  /** Lets tests hold or release delivery (e.g. to run steps one by one). */
  configure(opts: { paused?: boolean }): void;
  /** Delivers events held while paused. */
  release(): void;
}

export function createEventQueue(
  consumers: Map<string, { moduleKey: string; functionKey: string }>,
  run: ConsumerRunner,
): EventQueueEmulator {
  const jobs = new Map<string, Job>();
  const pending = new Set<Promise<void>>();
  const held: (() => void)[] = [];
  const pushedBy = new Map<string, number>();
  let paused = false;

  async function deliver(job: Job, consumer: { moduleKey: string; functionKey: string }, event: Record<string, unknown>): Promise<void> {
    for (let retry = 0; ; retry++) {
      if (job.cancelled) return;
      const payload =
        retry === 0 ? event : { ...event, retryContext: { retryCount: retry, retryReason: 'FUNCTION_RETRY_REQUEST', retryData: null } };
      try {
        const out = await run(consumer.moduleKey, consumer.functionKey, payload);
        const wantsRetry = typeof out === 'object' && out !== null && (out as { _retry?: unknown })._retry === true;
        if (wantsRetry && retry < MAX_RETRIES) continue;
        if (wantsRetry) job.failed += 1;
        else job.success += 1;
      } catch (err) {
        job.failed += 1;
        console.error(`[forge-host] consumer ${consumer.moduleKey} failed on an event of ${job.queueName}:`, err);
      }
      job.inProgress -= 1;
      return;
    }
  }

  function schedule(work: () => Promise<void>): void {
    const start = () => {
      const p = new Promise<void>((r) => setImmediate(r)).then(work);
      pending.add(p);
      void p.finally(() => pending.delete(p));
    };
    if (paused) held.push(start);
    else start();
  }

  function publish(body: unknown): QueueReply {
    const parsed = PushSchema.safeParse(body);
    if (!parsed.success) return { status: 400, body: { message: `Bad push: ${z.prettifyError(parsed.error)}` } };
    if (Buffer.byteLength(JSON.stringify(parsed.data.payload)) > MAX_PAYLOAD_BYTES) {
      return { status: 413, body: { errorMessage: `The maximum payload size is ${MAX_PAYLOAD_BYTES / 1024}KB.` } };
    }
    const { queueName, jobId, payload } = parsed.data;
    const consumer = consumers.get(queueName);
    const job: Job = { queueName, success: 0, inProgress: payload.length, failed: 0, cancelled: false };
    jobs.set(jobId, job);
    pushedBy.set(queueName, (pushedBy.get(queueName) ?? 0) + payload.length);
    if (!consumer) {
      // No consumer module for the queue: nothing will ever run it (not settled what Forge answers).
      console.error(`[forge-host] events pushed to queue '${queueName}', which no consumer in manifest.yml reads`);
      job.failed = payload.length;
      job.inProgress = 0;
      return { status: 201 };
    }
    for (const e of payload) {
      const event = { ...e, queueName, jobId, eventId: randomUUID(), contextToken: randomUUID() };
      schedule(() => deliver(job, consumer, event));
    }
    return { status: 201 };
  }

  return {
    handle(path, body) {
      if (path.startsWith('/webhook/queue/publish/')) return publish(body);
      const job = JobSchema.safeParse(body);
      if (!job.success) return { status: 400, body: { message: 'jobId and queueName are required' } };
      const found = jobs.get(job.data.jobId);
      if (path.startsWith('/webhook/queue/stats/')) {
        return found && found.queueName === job.data.queueName
          ? { status: 200, body: { success: found.success, inProgress: found.inProgress, failed: found.failed } }
          : { status: 404, body: { message: 'job not found' } };
      }
      if (path.startsWith('/webhook/queue/cancel/')) {
        if (!found) return { status: 404, body: { message: 'job not found' } };
        found.cancelled = true;
        return { status: 204 };
      }
      return { status: 404, body: { message: `The local Forge sandbox does not serve ${path}` } };
    },
    async settled() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
    pushed: (queueName) => (queueName ? (pushedBy.get(queueName) ?? 0) : [...pushedBy.values()].reduce((a, b) => a + b, 0)),
    configure(opts) {
      if (opts.paused !== undefined) paused = opts.paused;
    },
    release() {
      for (const start of held.splice(0)) start();
    },
  };
}
