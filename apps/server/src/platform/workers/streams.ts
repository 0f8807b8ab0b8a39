/**
 * Streaming through a worker thread: the calling thread keeps the input (rows read from the
 * database) and the output (the reply or the file being stored); the task in the worker reads the
 * input as an async iterable and writes bytes into a Writable, as it would with the real ones.
 * Both travel over a MessagePort with bounded amounts in flight: the task asks for a batch of
 * items at a time (at most INPUT_WINDOW batches ahead) and may have at most OUTPUT_WINDOW bytes
 * not yet taken by the output, which is written with its own backpressure. What the task does to
 * its stand-in output (end it, destroy it with an error) is done to the real one, and a failure of
 * the real output or of the input reaches the task as the same failure of its stand-ins.
 */

import { Writable } from 'node:stream';
import type { MessagePort } from 'node:worker_threads';

/** What a streaming task gets as its first argument, in a worker or on the calling thread. */
export type TaskStreams<In> = {
  /** The items the caller passed as `input` (none when it passed none), in order. */
  input: AsyncIterable<In>;
  /** The caller's output; ending it ends the caller's. */
  out: NodeJS.WritableStream;
  /** Tells the caller how far the task has got (its `onProgress`). */
  progress(count: number): void;
};

/** What the caller hands a streaming task. */
export type StreamIo<In> = {
  input?: AsyncIterable<In>;
  out: NodeJS.WritableStream;
  onProgress?: (count: number) => void;
};

/** Items sent to the task in one message. */
const BATCH_ITEMS = 500;
/** Batches the task may have asked for and not yet read. */
const INPUT_WINDOW = 3;
/** Bytes the task may have written that the caller's output has not yet taken. */
const OUTPUT_WINDOW = 1 << 20;

/** Task → caller. */
type ToCaller =
  | { t: 'pull' }
  | { t: 'cancel' }
  | { t: 'chunk'; bytes: Uint8Array }
  | { t: 'end' }
  | { t: 'destroy'; message: string | null }
  | { t: 'progress'; count: number }
  | { t: 'fin' };

/** Caller → task. */
type ToTask =
  | { t: 'batch'; items: unknown[] }
  | { t: 'done' }
  | { t: 'fail'; message: string }
  | { t: 'ack'; bytes: number }
  | { t: 'ended' }
  | { t: 'abort'; message: string };

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** The Writable members a stand-in output is checked and closed with (NodeJS.WritableStream lacks them). */
type Closable = { destroyed?: boolean; writableFinished?: boolean; destroy?(error?: Error): void };

/**
 * The caller's end of a streaming task's port: answers the task's requests for input, writes its
 * bytes to `io.out` and relays its progress. `failure` is the first thing that went wrong on this
 * side (the input threw, the output failed or closed), to be reported rather than its echo from
 * the task. `finished` resolves once the task has said it is done with the port.
 */
export function serveTaskStreams<In>(port: MessagePort, io: StreamIo<In>) {
  const out = io.out;
  const closable = out as NodeJS.WritableStream & Closable;
  const source = io.input?.[Symbol.asyncIterator]();
  let inputDone = !source;
  let failure: Error | undefined;
  let outputFinished = false;
  let destroying = false;
  let reading: Promise<void> = Promise.resolve();
  const waiters = new Set<() => void>();
  let fin: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => {
    fin = resolve;
  });

  const post = (m: ToTask) => {
    try {
      port.postMessage(m);
    } catch {
      // The port is closed: the task has finished and wants nothing more.
    }
  };

  function stopInput(): void {
    if (inputDone) return;
    inputDone = true;
    source?.return?.()?.catch(() => undefined);
  }

  function fail(err: Error): void {
    if (failure) return;
    failure = err;
    stopInput();
    post({ t: 'abort', message: err.message });
    for (const wake of waiters) wake();
  }

  const onError = (err: Error) => {
    if (!destroying) fail(err);
  };
  const onFinish = () => {
    outputFinished = true;
  };
  const onClose = () => {
    if (!outputFinished && !destroying) fail(new Error('the output closed before it was complete'));
    for (const wake of waiters) wake();
  };
  out.on('error', onError);
  out.on('finish', onFinish);
  out.on('close', onClose);

  let draining: Promise<void> | undefined;
  /** Until `out` drains, fails or closes (one wait shared by every chunk written meanwhile). */
  function drained(): Promise<void> {
    draining ??= new Promise<void>((resolve) => {
      const wake = () => {
        waiters.delete(wake);
        out.off('drain', wake);
        draining = undefined;
        resolve();
      };
      waiters.add(wake);
      out.on('drain', wake);
    });
    return draining;
  }

  async function sendBatch(): Promise<void> {
    if (failure) return;
    if (inputDone || !source) return post({ t: 'done' });
    const items: In[] = [];
    try {
      while (items.length < BATCH_ITEMS) {
        const next = await source.next();
        if (next.done) {
          inputDone = true;
          break;
        }
        items.push(next.value);
      }
    } catch (err) {
      inputDone = true;
      failure ??= err instanceof Error ? err : new Error(String(err));
      return post({ t: 'fail', message: messageOf(err) });
    }
    if (items.length > 0) post({ t: 'batch', items });
    if (inputDone) post({ t: 'done' });
  }

  async function write(bytes: Uint8Array): Promise<void> {
    if (failure || closable.destroyed) return;
    const ok = out.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    if (!ok) await drained();
    if (!failure) post({ t: 'ack', bytes: bytes.byteLength });
  }

  async function end(): Promise<void> {
    if (failure) return;
    if (!outputFinished) {
      const done = new Promise<void>((resolve) => {
        const wake = () => {
          waiters.delete(wake);
          out.off('finish', wake);
          resolve();
        };
        waiters.add(wake);
        out.on('finish', wake);
      });
      out.end();
      await done;
    }
    if (!failure) post({ t: 'ended' });
  }

  port.on('message', (m: ToCaller) => {
    switch (m.t) {
      case 'pull':
        reading = reading.then(sendBatch);
        break;
      case 'cancel':
        stopInput();
        break;
      case 'chunk':
        void write(m.bytes);
        break;
      case 'end':
        void end();
        break;
      case 'destroy':
        // A finished output is left to its reader: destroying it would drop what is still unread.
        if (m.message === null && outputFinished) break;
        // Done to the real output as the task did it to its stand-in (with the error it gave).
        destroying = true;
        stopInput();
        if (!closable.destroyed) closable.destroy?.(m.message === null ? undefined : (failure ?? new Error(m.message)));
        break;
      case 'progress':
        io.onProgress?.(m.count);
        break;
      case 'fin':
        fin();
        break;
    }
  });

  return {
    get failure() {
      return failure;
    },
    finished,
    /** Stops listening; the input is closed if it was not read to its end. */
    close(): void {
      stopInput();
      for (const wake of waiters) wake();
      out.off('error', onError);
      out.off('finish', onFinish);
      out.off('close', onClose);
      port.close();
    },
  };
}

/** The task's end of the port: the input as an async iterable, the output as a Writable. */
export function taskStreamsOver<In>(port: MessagePort): TaskStreams<In> & { close(): void } {
  const batches: In[][] = [];
  let asked = 0;
  let inputDone = false;
  let inputFailure: Error | undefined;
  let wakeReader: (() => void) | undefined;
  let unacked = 0;
  let held: ((error?: Error | null) => void) | undefined;
  let ending: ((error?: Error | null) => void) | undefined;
  let aborted: Error | undefined;

  const post = (m: ToCaller, transfer?: ArrayBuffer[]) => {
    try {
      port.postMessage(m, transfer);
    } catch {
      // Closed: the task is over.
    }
  };

  function ask(): void {
    while (!inputDone && !inputFailure && !aborted && asked + batches.length < INPUT_WINDOW) {
      asked++;
      post({ t: 'pull' });
    }
  }

  const out = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      if (aborted) return callback(aborted);
      // A copy in a buffer of its own: the chunk may share its memory with others, and is moved, not cloned.
      const bytes = new Uint8Array(chunk.byteLength);
      bytes.set(chunk);
      // Counted before it goes: the transfer detaches the buffer, leaving its byteLength 0.
      unacked += bytes.byteLength;
      post({ t: 'chunk', bytes }, [bytes.buffer]);
      if (unacked <= OUTPUT_WINDOW) callback();
      else held = callback;
    },
    final(callback) {
      if (aborted) return callback(aborted);
      ending = callback;
      post({ t: 'end' });
    },
    destroy(error, callback) {
      // After a normal end the stream destroys itself (autoDestroy): nothing to pass on, since the
      // real output has finished and its reader may not have read it all yet.
      const ended = !error && this.writableFinished;
      if (!aborted && !ended) post({ t: 'destroy', message: error ? error.message : null });
      callback(error);
    },
  });

  // Whoever writes hears of a failure from its writes and its own listeners; an error event after
  // they stopped listening must not take the thread (and the next task on it) down.
  out.on('error', () => undefined);

  function abort(error: Error): void {
    aborted = error;
    const release = [held, ending];
    held = undefined;
    ending = undefined;
    for (const callback of release) callback?.(error);
    if (!out.destroyed) out.destroy(error);
    wakeReader?.();
  }

  port.on('message', (m: ToTask) => {
    switch (m.t) {
      case 'batch':
        asked = Math.max(0, asked - 1);
        batches.push(m.items as In[]);
        wakeReader?.();
        break;
      case 'done':
        inputDone = true;
        wakeReader?.();
        break;
      case 'fail':
        inputFailure = new Error(m.message);
        wakeReader?.();
        break;
      case 'ack': {
        unacked -= m.bytes;
        const callback = held;
        if (callback && unacked <= OUTPUT_WINDOW) {
          held = undefined;
          callback();
        }
        break;
      }
      case 'ended': {
        const callback = ending;
        ending = undefined;
        callback?.();
        break;
      }
      case 'abort':
        abort(new Error(m.message));
        break;
    }
  });

  async function* read(): AsyncGenerator<In> {
    let complete = false;
    try {
      for (;;) {
        ask();
        while (batches.length === 0 && !inputDone && !inputFailure && !aborted) {
          await new Promise<void>((resolve) => {
            wakeReader = resolve;
          });
          wakeReader = undefined;
        }
        const batch = batches.shift();
        if (batch) {
          ask();
          yield* batch;
          continue;
        }
        if (inputFailure) throw inputFailure;
        if (aborted) throw aborted;
        complete = true;
        return;
      }
    } finally {
      // Stopped early: the caller need read no further.
      if (!complete && !inputFailure) post({ t: 'cancel' });
    }
  }

  return {
    input: { [Symbol.asyncIterator]: () => read() },
    out,
    progress: (count) => post({ t: 'progress', count }),
    /** Tells the caller the task is done with the port, and closes it. */
    close() {
      post({ t: 'fin' });
      port.close();
    },
  };
}
