import { createHash } from 'node:crypto';
import { testEngines } from '@cloister/persistence/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiHarness, type ApiHarness } from './api-harness';

describe.each(testEngines())('export request list summaries on %s', (engine) => {
  let h: ApiHarness;
  let researcher: string;
  let researcherId: string;
  let base: string;

  /** A staged output of the researcher's, recorded as the gateway records one (the bytes are never read here). */
  const stagedOutput = async (path: string): Promise<string> => {
    const row = await h.db.insertInto('staged_outputs').values({
      project_id: h.demoProjectId, user_id: researcherId, path, blob_name: `${h.demoProjectId}/${researcherId}/${path}`, size: 10,
      sha256: createHash('sha256').update(path).digest('hex'), content_type: 'text/csv', version_id: null, modified_at: new Date(),
    }).returning('id').executeTakeFirstOrThrow();
    return row.id;
  };

  beforeAll(async () => {
    h = await startApiHarness(engine);
    researcher = await h.token('researcher@example.org');
    researcherId = (await h.db.selectFrom('users').select('id').where('email', '=', 'researcher@example.org').executeTakeFirstOrThrow()).id;
    base = `/api/v1/projects/${h.demoProjectId}/export-requests`;
  }, 120_000);
  afterAll(() => h.close());

  it('counts each request\'s files and outputs and names its requester and project', async () => {
    const [a1, a2, a3, b1] = await Promise.all(['list/a1.csv', 'list/a2.csv', 'list/a3.txt', 'list/b1.csv'].map(stagedOutput));
    const a = await h.call('POST', base, { token: researcher, body: { title: 'Three files', purpose: 'p', groups: [
      { name: 'Tables', context: 'c', files: [{ stagedOutputId: a1, role: 'output' }, { stagedOutputId: a2, role: 'output' }] },
      { name: 'Notes', context: 'c', files: [{ stagedOutputId: a3, role: 'supporting' }] },
    ] } });
    const b = await h.call('POST', base, { token: researcher, body: { title: 'One file', purpose: 'p', groups: [{ name: 'g', context: 'c', files: [{ stagedOutputId: b1, role: 'output' }] }] } });
    expect([a.status, b.status]).toEqual([201, 201]);

    const list = await h.call('GET', base, { token: researcher });
    expect(list.status).toBe(200);
    const byId = new Map((list.body.items as { id: string }[]).map((i) => [i.id, i]));
    expect(byId.get(a.body.id)).toMatchObject({ title: 'Three files', fileCount: 3, outputCount: 2, requester: 'Rosa Researcher', projectName: 'Demo study' });
    expect(byId.get(b.body.id)).toMatchObject({ title: 'One file', fileCount: 1, outputCount: 1, requester: 'Rosa Researcher', projectName: 'Demo study' });
  });

  it('lists nothing for a status no request has', async () => {
    const list = await h.call('GET', `${base}?status=released`, { token: researcher });
    expect(list.body).toEqual({ items: [] });
  });
});
