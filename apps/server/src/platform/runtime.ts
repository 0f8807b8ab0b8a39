/**
 * The V8 options the server runs with. `npm start` passes them, and so do the benchmarks that start
 * a server. A server started some other way (`node apps/server/dist/main.js` in a container) warns
 * in production when they are missing (`missingNodeFlags`).
 *
 * Why a young generation of 64 MB per semi-space (V8's default is 16 MB): a live floor keeps
 * thousands of sockets and sends a patch every 250 ms, so many short-lived objects (webhook
 * requests waiting on the database, payloads queued on sockets, a tick's pending changes) outlive
 * two scavenges, about 200 ms apart at that size. They are promoted, and the old generation fills
 * in about 30 s. Each mark-compact then slowed the event loop for 150-250 ms. With 3,000 agents
 * that made the worst seconds of `npm run bench:realtime` and a p99 of 180-200 ms. At 64 MB,
 * scavenges come four times less often and such objects die young: the run showed no mark-compact
 * at all, and p99 fell to about 45 ms. Peak memory fell too, because less garbage is promoted.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=64'];

/** The flags of `wanted` (by name) that neither the command line nor NODE_OPTIONS sets. */
export function missingNodeFlags(
  execArgv: readonly string[] = process.execArgv,
  nodeOptions = process.env.NODE_OPTIONS ?? '',
  wanted = SERVER_NODE_FLAGS,
): string[] {
  const given = [...execArgv, ...nodeOptions.split(/\s+/)].map((arg) => arg.split('=')[0]?.replace(/_/g, '-'));
  return wanted.filter((flag) => !given.includes(flag.split('=')[0]));
}
