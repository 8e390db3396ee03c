import type { AddressRangeReservationsPort } from '@cloister/domain';
import type { Kysely } from 'kysely';
import type { Database } from '../schema';

/** Project network ranges, one per project and each held by one project (the table's keys enforce both). */
export class AddressRangeReservationsRepository implements AddressRangeReservationsPort {
  constructor(private readonly db: Kysely<Database>) {}

  async reservedFor(projectId: string): Promise<string | null> {
    const r = await this.db.selectFrom('address_range_reservations').select('address_range').where('project_id', '=', projectId).executeTakeFirst();
    return r?.address_range ?? null;
  }

  async heldByOthers(projectId: string): Promise<string[]> {
    const rows = await this.db.selectFrom('address_range_reservations').select('address_range').where('project_id', '!=', projectId).execute();
    return rows.map((r) => r.address_range);
  }

  async tryReserve(projectId: string, range: string): Promise<boolean> {
    // Either key may clash: the range is another project's (false), or this project holds one already (kept as is).
    const inserted = await this.db.insertInto('address_range_reservations').values({ project_id: projectId, address_range: range })
      .onConflict((oc) => oc.doNothing()).returning('project_id').executeTakeFirst();
    if (inserted) return true;
    return (await this.reservedFor(projectId)) === range;
  }

  async release(projectId: string): Promise<void> {
    await this.db.deleteFrom('address_range_reservations').where('project_id', '=', projectId).execute();
  }
}
