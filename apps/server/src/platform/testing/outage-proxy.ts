/**
 * A TCP proxy that can take a server "down" and bring it back, for tests and the soak benchmark:
 * `down()` drops every open connection and stops listening (new connections are refused, as
 * when the server is stopped), `up()` listens on the same port again. The application sees what it
 * would see if PostgreSQL or Redis restarted, while the real server, shared by other tests, keeps
 * running.
 */
import net from 'node:net';

export type OutageProxy = {
  /** 127.0.0.1:<port> in front of the target. */
  readonly port: number;
  /** The target's URL with its host and port replaced by the proxy's. */
  url(targetUrl: string): string;
  down(): Promise<void>;
  up(): Promise<void>;
  readonly isUp: boolean;
  close(): Promise<void>;
};

export async function createOutageProxy(target: { host: string; port: number }): Promise<OutageProxy> {
  const sockets = new Set<net.Socket>();
  let server: net.Server | null = null;
  let port = 0;

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = net.createServer((client) => {
        const upstream = net.connect(target.port, target.host);
        sockets.add(client);
        sockets.add(upstream);
        const drop = () => {
          client.destroy();
          upstream.destroy();
          sockets.delete(client);
          sockets.delete(upstream);
        };
        client.on('error', drop);
        upstream.on('error', drop);
        client.on('close', drop);
        upstream.on('close', drop);
        client.pipe(upstream);
        upstream.pipe(client);
      });
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => {
        port = (s.address() as net.AddressInfo).port;
        server = s;
        resolve();
      });
    });

  await listen();

  const down = async () => {
    const s = server;
    server = null;
    for (const sock of sockets) sock.destroy();
    sockets.clear();
    if (s) await new Promise<void>((r) => s.close(() => r()));
  };

  return {
    get port() {
      return port;
    },
    get isUp() {
      return server !== null;
    },
    url(targetUrl: string) {
      const u = new URL(targetUrl);
      u.hostname = '127.0.0.1';
      u.port = String(port);
      return u.toString();
    },
    down,
    async up() {
      if (server) return;
      // The port was ours a moment ago; another process may have taken it in between, rarely.
      for (let i = 0; ; i++) {
        try {
          await listen();
          return;
        } catch (err) {
          if (i >= 20) throw err;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    },
    close: down,
  };
}
