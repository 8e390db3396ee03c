import { createHash, randomUUID } from 'node:crypto';
import { testEngines } from '@cloister/persistence/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiHarness, type ApiHarness } from './api-harness';

/** Rounds of racing saves: one race can pass by luck without the row locks, several in a row do not. */
const ROUNDS = 8;

describe.each(testEngines())('export requests saved from staged outputs, and listed, on %s', (engine) => {
  let h: ApiHarness;
  let researcher: string;
  let researcherId: string;
  let base: string;

  /** A staged output of the researcher's, recorded as the gateway records one (the bytes are never read here). */
  const stagedOutput = async (path: string): Promise<string> => {
    const sha256 = createHash('sha256').update(path).digest('hex');
    const row = await h.db.insertInto('staged_outputs').values({
      project_id: h.demoProjectId, user_id: researcherId, path, blob_name: `${h.demoProjectId}/${researcherId}/${path}`, size: 10, sha256,
      content_type: 'text/csv', version_id: null, modified_at: new Date(),
    }).returning('id').executeTakeFirstOrThrow();
    return row.id;
  };
  const body = (title: string, ...stagedOutputIds: string[]) => ({
    title, purpose: 'p', groups: [{ name: 'g', context: 'c', files: stagedOutputIds.map((stagedOutputId) => ({ stagedOutputId, role: 'output' })) }],
  });
  const holders = async (stagedOutputId: string) =>
    (await h.db.selectFrom('export_files').select('request_id').where('staged_output_id', '=', stagedOutputId).execute()).map((r) => r.request_id);

  beforeAll(async () => {
    h = await startApiHarness(engine);
    researcher = await h.token('researcher@example.org');
    researcherId = (await h.db.selectFrom('users').select('id').where('email', '=', 'researcher@example.org').executeTakeFirstOrThrow()).id;
    base = `/api/v1/projects/${h.demoProjectId}/export-requests`;
  }, 120_000);
  afterAll(() => h.close());

  it('two creates with the same file at the same time: exactly one wins, the other is told which field is held', { timeout: 60_000 }, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const shared = await stagedOutput(`race/create-${round}.csv`);
      const own = await stagedOutput(`race/create-${round}-own.csv`);
      const [a, b] = await Promise.all([
        h.call('POST', base, { token: researcher, body: body(`A${round}`, shared) }),
        h.call('POST', base, { token: researcher, body: body(`B${round}`, own, shared) }),
      ]);
      expect([a.status, b.status].sort(), `round ${round}: ${a.text} / ${b.text}`).toEqual([201, 409]);
      const [won, lost] = a.status === 201 ? [a, b] : [b, a];
      expect(lost.body).toMatchObject({ code: 'EXPORT_FILE_IN_OPEN_REQUEST', details: { requestId: won.body.id } });
      const field = lost === a ? 'groups[0].files[0].stagedOutputId' : 'groups[0].files[1].stagedOutputId';
      expect(lost.body.details.field).toBe(field);
      expect(lost.body.message).toMatch(new RegExp(`^${field.replace(/[[\].]/g, '\\$&')}: "race/create-${round}\\.csv" is already in the open request`));
      expect(await holders(shared)).toEqual([won.body.id]);
      expect(await holders(own)).toEqual(won === b ? [b.body.id] : []);
    }
  });

  it('an update adding a file races a create with it: exactly one holds it', { timeout: 60_000 }, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const shared = await stagedOutput(`race/update-${round}.csv`);
      const first = await stagedOutput(`race/update-${round}-first.csv`);
      const draft = await h.call('POST', base, { token: researcher, body: body(`Draft${round}`, first) });
      expect(draft.status, draft.text).toBe(201);
      const [updated, created] = await Promise.all([
        h.call('PUT', `${base}/${draft.body.id}`, { token: researcher, body: body(`Draft${round}`, first, shared) }),
        h.call('POST', base, { token: researcher, body: body(`New${round}`, shared) }),
      ]);
      expect([[200, 409], [409, 201]], `round ${round}: ${updated.text} / ${created.text}`).toContainEqual([updated.status, created.status]);
      const winner = updated.status === 200 ? draft.body.id : created.body.id;
      expect((updated.status === 200 ? created : updated).body.code).toBe('EXPORT_FILE_IN_OPEN_REQUEST');
      expect(await holders(shared)).toEqual([winner]);
    }
  });

  it('lists each request with its file and output counts, its requester and its project', async () => {
    const [a1, a2, a3, b1] = await Promise.all(['list/a1.csv', 'list/a2.csv', 'list/a3.txt', 'list/b1.csv'].map(stagedOutput));
    const a = await h.call('POST', base, { token: researcher, body: { title: 'Three files', purpose: 'p', groups: [
      { name: 'Tables', context: 'c', files: [{ stagedOutputId: a1, role: 'output' }, { stagedOutputId: a2, role: 'output' }] },
      { name: 'Notes', context: 'c', files: [{ stagedOutputId: a3, role: 'supporting' }] },
    ] } });
    const b = await h.call('POST', base, { token: researcher, body: body('One file', b1) });
    expect([a.status, b.status]).toEqual([201, 201]);
    const list = await h.call('GET', base, { token: researcher });
    expect(list.status).toBe(200);
    const byId = new Map((list.body.items as { id: string }[]).map((i) => [i.id, i]));
    expect(byId.get(a.body.id)).toMatchObject({ title: 'Three files', fileCount: 3, outputCount: 2, requester: 'Rosa Researcher', projectName: 'Demo study' });
    expect(byId.get(b.body.id)).toMatchObject({ title: 'One file', fileCount: 1, outputCount: 1, requester: 'Rosa Researcher', projectName: 'Demo study' });
    expect((await h.call('GET', `${base}?status=released`, { token: researcher })).body).toEqual({ items: [] });
  });

  it('lists for a checker the requests in review whose current round they have not submitted a review for', async () => {
    const checker = await h.token('checker1@example.org');
    const checkerId = (await h.db.selectFrom('users').select('id').where('email', '=', 'checker1@example.org').executeTakeFirstOrThrow()).id;
    const awaiting = async (token: string) => (await h.call('GET', '/api/v1/me/export-reviews', { token })).body.items as { id: string; fileCount: number; projectName: string }[];
    const created = await h.call('POST', base, { token: researcher, body: body('To review', await stagedOutput(`review/${randomUUID()}.csv`)) });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    // Where the checks job leaves a submitted request (no worker runs here).
    await h.db.updateTable('export_requests').set({ status: 'in_review', round: 1 }).where('id', '=', id).execute();
    expect((await awaiting(checker)).find((r) => r.id === id)).toMatchObject({ fileCount: 1, projectName: 'Demo study' });
    expect((await awaiting(researcher)).map((r) => r.id)).not.toContain(id);
    // A review submitted in an earlier round does not excuse this one; one submitted in this round does.
    await h.db.insertInto('export_reviews').values({ request_id: id, reviewer_id: checkerId, round: 0, submitted_at: new Date() }).execute();
    expect((await awaiting(checker)).map((r) => r.id)).toContain(id);
    await h.db.insertInto('export_reviews').values({ request_id: id, reviewer_id: checkerId, round: 1, submitted_at: new Date() }).execute();
    expect((await awaiting(checker)).map((r) => r.id)).not.toContain(id);
    expect((await awaiting(await h.token('checker2@example.org'))).map((r) => r.id)).toContain(id);
  });

  it('a file freed by a withdrawn request can be held again', async () => {
    const file = await stagedOutput(`race/freed-${randomUUID()}.csv`);
    const first = await h.call('POST', base, { token: researcher, body: body('First', file) });
    expect((await h.call('POST', base, { token: researcher, body: body('Second', file) })).status).toBe(409);
    expect((await h.call('POST', `${base}/${first.body.id}/withdraw`, { token: researcher, body: {} })).status).toBe(200);
    expect((await h.call('POST', base, { token: researcher, body: body('Third', file) })).status).toBe(201);
  });
});
