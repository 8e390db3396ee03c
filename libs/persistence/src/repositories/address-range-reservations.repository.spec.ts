import { createTestDatabase, testEngines, type TestDatabase } from '@cloister/persistence/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../seed/demo-data';
import { AddressRangeReservationsRepository } from './address-range-reservations.repository';
import { ProjectsRepository } from './projects.repository';
import { UsersRepository } from './users.repository';

describe.each(testEngines())('address range reservations on %s', (engine) => {
  let t: TestDatabase;
  let repo: AddressRangeReservationsRepository;
  let projectIds: string[];
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    repo = new AddressRangeReservationsRepository(t.db);
    await seedDemoData(t.db);
    const admin = (await new UsersRepository(t.db).findByEmail('admin@example.org'))!;
    const projects = new ProjectsRepository(t.db);
    projectIds = [];
    for (let i = 0; i < 6; i++) projectIds.push((await projects.create({ name: `Range ${i}`, description: '', tier: 2, checkersRequired: 1, createdBy: admin.id }, t.db)).id);
  });
  afterAll(() => t.close());

  it('lets exactly one of many projects racing for a range have it', async () => {
    const won = await Promise.all(projectIds.map((id) => repo.tryReserve(id, '10.64.0.0/22')));
    expect(won.filter(Boolean)).toHaveLength(1);
    const winner = projectIds[won.indexOf(true)]!;
    expect(await repo.reservedFor(winner)).toBe('10.64.0.0/22');
    expect(await repo.heldByOthers(projectIds.find((id) => id !== winner)!)).toEqual(['10.64.0.0/22']);
    expect(await repo.heldByOthers(winner)).toEqual([]);
  });

  it('keeps one range per project: reserving again is idempotent, a second range is refused until release', async () => {
    const id = projectIds[5]!;
    await repo.release(id);
    expect(await repo.tryReserve(id, '10.64.8.0/22')).toBe(true);
    expect(await repo.tryReserve(id, '10.64.8.0/22')).toBe(true);
    expect(await repo.tryReserve(id, '10.64.12.0/22')).toBe(false);
    await repo.release(id);
    expect(await repo.reservedFor(id)).toBeNull();
    expect(await repo.tryReserve(id, '10.64.12.0/22')).toBe(true);
  });
});
