import { mkdirSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { PGlite } from '@electric-sql/pglite';

export interface EmbeddedPostgres {
  readonly url: string;
  close(): Promise<void>;
}

const SSL_REQUEST = 80877103;
const CANCEL_REQUEST = 80877102;
const PROTOCOL_V3 = 196608;
const ROLLBACK = queryMessage('ROLLBACK');

/** One unit of work for the single PGlite backend: a client's messages up to a Sync or a simple Query. */
interface Unit {
  readonly session: Session;
  readonly bytes: Uint8Array;
}

interface Session {
  readonly socket: Socket;
  buffer: Buffer;
  pending: Buffer[];
  closed: boolean;
  /** Whether the startup packet (which has no type byte) has been seen. */
  started: boolean;
}

/**
 * PGlite behind the Postgres wire protocol, so the API and the worker (separate processes, each with a pool) reach
 * the embedded database exactly as they reach a real server.
 *
 * PGlite has one backend, so clients take turns. A turn is a whole extended-protocol batch (Parse … Sync) or a simple
 * Query — never single messages, which would let two clients' unnamed statements overwrite each other. While a
 * transaction is open only its owner's batches run, so transactions are isolated as on a real server.
 */
export async function startEmbeddedPostgres(options: { dataDir?: string; port?: number; host?: string } = {}): Promise<EmbeddedPostgres> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const db = await PGlite.create(options.dataDir ?? 'memory://');
  const host = options.host ?? '127.0.0.1';
  const queue: Unit[] = [];
  let owner: Session | null = null;
  let running = false;

  // One backend means code that waits on a second connection inside a transaction deadlocks here (a real server
  // would not). Say so loudly instead of hanging silently.
  let stuckSince = 0;
  const watchdog = setInterval(() => {
    const waiting = owner && !running && queue.length > 0;
    if (!waiting) { stuckSince = 0; return; }
    stuckSince ||= Date.now();
    if (Date.now() - stuckSince > 10_000) {
      process.stderr.write(`embedded postgres: a transaction has been idle for ${Math.round((Date.now() - stuckSince) / 1000)} s while ${queue.length} other request(s) wait — is code using a second connection inside a transaction?\n`);
    }
  }, 5_000);
  watchdog.unref();
  const rollback = () => db.execProtocolRawStream(ROLLBACK, { onRawData: () => undefined });

  const pump = async () => {
    if (running) return;
    running = true;
    try {
      for (;;) {
        // A client that vanished mid-transaction (even while its last batch ran) must not hold the database.
        if (owner?.closed) {
          owner = null;
          if (db.isInTransaction()) await rollback();
        }
        const index = owner ? queue.findIndex((u) => u.session === owner) : 0;
        if (index < 0 || queue.length === 0) break;
        const [unit] = queue.splice(index, 1);
        if (!unit || unit.session.closed) continue;
        try {
          await db.execProtocolRawStream(unit.bytes, { onRawData: (chunk) => { if (!unit.session.closed) unit.session.socket.write(Buffer.from(chunk)); } });
        } catch {
          // PGlite reports protocol errors to the client itself; a throw here means the client's bytes were unusable.
          unit.session.socket.destroy();
          unit.session.closed = true;
        }
        owner = db.isInTransaction() ? unit.session : null;
      }
    } finally {
      running = false;
    }
  };

  const release = async (session: Session) => {
    session.closed = true;
    for (let i = queue.length - 1; i >= 0; i--) if (queue[i]!.session === session) queue.splice(i, 1);
    // The pump rolls back its transaction if it owned one, between batches, so it never races a running batch.
    void pump();
  };

  const server: Server = createServer((socket) => {
    const session: Session = { socket, buffer: Buffer.alloc(0), pending: [], closed: false, started: false };
    socket.setNoDelay(true);
    socket.on('data', (data) => {
      session.buffer = Buffer.concat([session.buffer, data]);
      for (const frame of takeFrames(session)) {
        if (frame.kind === 'ssl') socket.write('N');
        else if (frame.kind === 'cancel') socket.destroy();
        else if (frame.kind === 'terminate') socket.end();
        else {
          session.pending.push(frame.bytes);
          if (frame.kind === 'startup' || frame.boundary) {
            queue.push({ session, bytes: Buffer.concat(session.pending) });
            session.pending = [];
          }
        }
      }
      void pump();
    });
    socket.on('error', () => void release(session));
    socket.on('close', () => void release(session));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('embedded postgres: no TCP address');
  return {
    url: `postgres://postgres:postgres@${host}:${address.port}/postgres?sslmode=disable`,
    async close() {
      clearInterval(watchdog);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
    },
  };
}

type Frame =
  | { kind: 'ssl' }
  | { kind: 'cancel' }
  | { kind: 'terminate' }
  | { kind: 'startup'; bytes: Buffer }
  | { kind: 'message'; bytes: Buffer; boundary: boolean };

/** Splits complete protocol frames off the session's buffer, leaving any partial frame for the next read. */
function* takeFrames(session: Session): Generator<Frame> {
  for (;;) {
    const buf = session.buffer;
    if (!session.started) {
      if (buf.length < 8) return;
      const length = buf.readInt32BE(0);
      if (buf.length < length) return;
      const code = buf.readInt32BE(4);
      session.buffer = buf.subarray(length);
      if (code === SSL_REQUEST) yield { kind: 'ssl' };
      else if (code === CANCEL_REQUEST) yield { kind: 'cancel' };
      else if (code === PROTOCOL_V3) {
        session.started = true;
        yield { kind: 'startup', bytes: Buffer.from(buf.subarray(0, length)) };
      } else yield { kind: 'terminate' };
      continue;
    }
    if (buf.length < 5) return;
    const length = 1 + buf.readInt32BE(1);
    if (buf.length < length) return;
    const type = String.fromCharCode(buf[0]!);
    session.buffer = buf.subarray(length);
    if (type === 'X') {
      yield { kind: 'terminate' };
      continue;
    }
    // Sync ends an extended-protocol batch; a simple Query is a batch of its own; Flush asks for output now.
    // Password and SASL messages answer the server during startup and must reach it at once.
    yield { kind: 'message', bytes: Buffer.from(buf.subarray(0, length)), boundary: type === 'S' || type === 'Q' || type === 'H' || type === 'p' };
  }
}

function queryMessage(sql: string): Uint8Array {
  const body = Buffer.from(`${sql}\0`, 'utf8');
  const msg = Buffer.alloc(5 + body.length);
  msg.write('Q', 0);
  msg.writeInt32BE(4 + body.length, 1);
  body.copy(msg, 5);
  return msg;
}
