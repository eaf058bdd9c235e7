import net from 'node:net';
import { freshDatabase } from './databases';

/**
 * A loopback TCP proxy in front of the test PostgreSQL server, so one core can lose its database
 * (every connection cut, new ones refused) while the server, and the other tests on it, run on.
 */
export class TcpProxy {
  private readonly sockets = new Set<net.Socket>();
  private down = false;

  private constructor(
    private readonly server: net.Server,
    readonly port: number,
  ) {}

  static async start(targetHost: string, targetPort: number): Promise<TcpProxy> {
    let proxy: TcpProxy | null = null;
    const server = net.createServer((client) => proxy?.accept(client, targetHost, targetPort));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    proxy = new TcpProxy(server, (server.address() as net.AddressInfo).port);
    return proxy;
  }

  /** The same database URL, through the proxy. */
  urlFor(databaseUrl: string): string {
    const url = new URL(databaseUrl);
    url.hostname = '127.0.0.1';
    url.port = String(this.port);
    return url.toString();
  }

  /** The database "goes down": open connections are cut and new ones refused until `restore()`. */
  cut(): void {
    this.down = true;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  restore(): void {
    this.down = false;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: net.Socket, host: string, port: number): void {
    if (this.down) {
      client.destroy();
      return;
    }
    const upstream = net.connect(port, host);
    for (const [a, b] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      this.sockets.add(a);
      a.on('error', () => b.destroy());
      a.on('close', () => {
        this.sockets.delete(a);
        b.destroy();
      });
      a.pipe(b);
    }
  }
}

/** A fresh PostgreSQL test database reached through its own proxy, so a test can take it away. */
export interface PostgresBehindProxy {
  proxy: TcpProxy;
  /** The database's URL through the proxy: what the core under test connects to. */
  url: string;
  /** Brings the database back if cut, closes the proxy and drops the database. */
  dispose(): Promise<void>;
}

export async function postgresBehindProxy(): Promise<PostgresBehindProxy> {
  const db = await freshDatabase('postgres');
  if (db.config.kind !== 'postgres') throw new Error('expected PostgreSQL');
  const target = new URL(db.config.url);
  const proxy = await TcpProxy.start(target.hostname, Number(target.port));
  return {
    proxy,
    url: proxy.urlFor(db.config.url),
    dispose: async () => {
      proxy.restore();
      await proxy.close();
      await db.dispose();
    },
  };
}
