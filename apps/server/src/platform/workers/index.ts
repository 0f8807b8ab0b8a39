/**
 * Worker threads for CPU-heavy work, so that requests are not kept waiting behind it: a fixed
 * pool (pool.ts), the thread's entry (worker.ts) and streaming through a thread (streams.ts).
 */
export {
  createWorkerPool,
  defaultPoolSize,
  type TaskModule,
  type TaskName,
  taskModule,
  type WorkerPool,
  WorkerPoolError,
  type WorkerPoolOptions,
} from './pool.js';
export type { StreamIo, TaskStreams } from './streams.js';
