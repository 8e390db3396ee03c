import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Readable } from 'node:stream';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendStream } from '../src/http/stream-response';

describe('sendStream', () => {
  let server: Server;
  let url: string;

  beforeAll(async () => {
    const app = express();
    app.get('/whole', (_req, res) => sendStream(res, Readable.from([Buffer.from('all of it')]), 'whole'));
    // A source that breaks after its first bytes, as a secure-gateway or storage read can when its connection drops.
    app.get('/broken', (_req, res) => {
      const source = new Readable({ read() {} });
      source.push('the first bytes');
      setImmediate(() => source.destroy(new Error('source connection reset')));
      res.setHeader('content-type', 'text/plain');
      sendStream(res, source, 'broken');
    });
    server = await new Promise<Server>((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('sends the whole stream', async () => {
    const res = await fetch(`${url}/whole`);
    expect(await res.text()).toBe('all of it');
  });

  it('aborts the one response when its source fails mid-way, and the server keeps serving', async () => {
    const res = await fetch(`${url}/broken`);
    await expect(res.text()).rejects.toThrow();
    expect(await (await fetch(`${url}/whole`)).text()).toBe('all of it');
  });
});
