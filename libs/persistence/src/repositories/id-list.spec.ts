import { randomUUID } from 'node:crypto';
import { createTestDatabase, testEngines, type TestDatabase } from '@cloister/persistence/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditRepository } from './audit.repository';
import { NotificationsRepository } from './notifications.repository';
import { ProjectsRepository } from './projects.repository';
import { UsersRepository } from './users.repository';

// Postgres refuses a statement with more than 65,535 bind parameters; `in (…)` sent one per id, so these lists would fail.
const MANY = 70_000;
const unknownIds = (n: number) => Array.from({ length: n }, () => randomUUID());

describe.each(testEngines())('lookups by a list of ids on %s', (engine) => {
  let t: TestDatabase;
  let users: UsersRepository;
  let projects: ProjectsRepository;
  let audit: AuditRepository;
  let notifications: NotificationsRepository;
  let ann: string;
  let bo: string;
  let projectId: string;

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    users = new UsersRepository(t.db);
    projects = new ProjectsRepository(t.db);
    audit = new AuditRepository(t.db);
    notifications = new NotificationsRepository(t.db);
    ann = (await users.ensureByEmail('ann@example.org', 'Ann')).id;
    bo = (await users.ensureByEmail('bo@example.org', 'Bo')).id;
    projectId = (await projects.create({ name: 'Listed', description: '', tier: 2, checkersRequired: 1, createdBy: ann }, t.db)).id;
  });
  afterAll(() => t.close());

  it(`finds users and projects among ${MANY} ids, the same rows a short list finds`, async () => {
    const many = [...unknownIds(MANY - 3), bo, ann, bo];
    expect((await users.findByIds(many)).map((u) => u.email).sort()).toEqual(['ann@example.org', 'bo@example.org']);
    const byId = (rows: readonly { id: string }[]) => [...rows].sort((x, y) => x.id.localeCompare(y.id));
    expect(byId(await users.findByIds(many))).toEqual(byId(await users.findByIds([ann, bo])));
    expect((await projects.findByIds([...unknownIds(MANY), projectId])).map((p) => p.name)).toEqual(['Listed']);
    expect(await projects.findByIds([])).toEqual([]);
  });

  it(`resolves notification recipients among ${MANY} ids`, async () => {
    const recipients = await notifications.recipientsOf([...unknownIds(MANY), bo, ann]);
    expect(recipients).toEqual([
      { userId: ann, email: 'ann@example.org', displayName: 'Ann' },
      { userId: bo, email: 'bo@example.org', displayName: 'Bo' },
    ]);
  });

  it(`lists audit events about any of ${MANY} targets (a text column) and projects`, async () => {
    const target = randomUUID();
    const event = await audit.appendStandalone({
      actorId: ann, actorEmail: 'ann@example.org', action: 'export.previewed', targetType: 'export_file', targetId: target,
      projectId, requestId: null, sourceIp: null, details: { path: 'a.csv' },
    });
    const found = await audit.list({ targetIds: [...unknownIds(MANY), target], projectIds: [...unknownIds(MANY), projectId], limit: 10 });
    expect(found.map((e) => e.id)).toEqual([event.id]);
    expect(await audit.list({ targetIds: unknownIds(3), limit: 10 })).toEqual([]);
  });
});
