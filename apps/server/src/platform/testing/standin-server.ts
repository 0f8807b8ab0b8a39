/**
 * The HTTP server under a vendor stand-in: listens on 127.0.0.1 (a free port the first time),
 * can be stopped and started again on the same port (the vendor going away and coming back), and
 * cuts open connections and held answers when it stops.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export class StandinServer {
  private server: Server | null = null;
  port = 0;
  /** Answers a stand-in holds open on purpose (a "hang" fault); stop() cuts them. */
  readonly hanging = new Set<ServerResponse>();

  constructor(private readonly handle: (req: IncomingMessage, res: ServerResponse) => Promise<unknown>) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Stops answering (connections are refused) until start() is called again on the same port. */
  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
    const s = this.server;
    this.server = null;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }
}
