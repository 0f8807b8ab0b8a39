/**
 * The entry of a pool's worker thread (pool.ts starts it): runs each task it is sent as it comes
 * (tasks share the thread, each running until it waits) and answers with the result or the error.
 * A streaming task gets its streams over the port that came with it (streams.ts).
 */
import { isMainThread, type MessagePort, parentPort } from 'node:worker_threads';
import { taskStreamsOver } from './streams.js';

export type TaskRequest = { id: number; url: string; name: string; args: readonly unknown[]; port?: MessagePort };
export type WireError = { name: string; message: string; stack?: string; code?: unknown };
export type TaskReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: WireError };

function wireError(err: unknown): WireError {
  if (!(err instanceof Error)) return { name: 'Error', message: String(err) };
  const code: unknown = Reflect.get(err, 'code');
  return { name: err.name, message: err.message, ...(err.stack ? { stack: err.stack } : {}), ...(code !== undefined ? { code } : {}) };
}

async function run(request: TaskRequest): Promise<unknown> {
  const loaded: Record<string, unknown> = await import(request.url);
  const fn = loaded[request.name];
  if (typeof fn !== 'function') throw new Error(`${request.url} exports no task ${request.name}`);
  if (!request.port) return fn(...request.args);
  const streams = taskStreamsOver(request.port);
  try {
    return await fn(streams, ...request.args);
  } finally {
    streams.close();
  }
}

const port = parentPort;
if (!isMainThread && port) {
  port.on('message', (request: TaskRequest) => {
    run(request).then(
      (value) => {
        try {
          port.postMessage({ id: request.id, ok: true, value } satisfies TaskReply);
        } catch (err) {
          port.postMessage({ id: request.id, ok: false, error: wireError(err) } satisfies TaskReply);
        }
      },
      (err: unknown) => port.postMessage({ id: request.id, ok: false, error: wireError(err) } satisfies TaskReply),
    );
  });
}
