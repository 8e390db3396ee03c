import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedPostgres {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * PGlite behind a Postgres wire-protocol socket, so the API and the worker (separate processes) reach the embedded
 * database exactly as they reach a real server. The socket server multiplexes connections and keeps a transaction on
 * the connection that opened it.
 */
export async function startEmbeddedPostgres(options: { dataDir?: string; port?: number; host?: string } = {}): Promise<EmbeddedPostgres> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const db = await PGlite.create(options.dataDir ?? 'memory://');
  const host = options.host ?? '127.0.0.1';
  const server = new PGLiteSocketServer({ db, host, port: options.port ?? 0, maxConnections: 64 });
  await server.start();
  const port = readPort(server);
  return {
    url: `postgres://postgres:postgres@${host}:${port}/postgres?sslmode=disable`,
    async close() {
      await server.stop();
      await db.close();
    },
  };
}

function readPort(server: PGLiteSocketServer): number {
  const address = server.getServerConn();
  const port = Number(address.split(':').pop());
  if (!Number.isInteger(port) || port <= 0) throw new Error(`embedded postgres: cannot read listening port from "${address}"`);
  return port;
}
