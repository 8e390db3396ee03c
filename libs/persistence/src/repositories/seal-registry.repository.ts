import type { Kysely } from 'kysely';
import type { Database } from '../schema';

/** Prefixes of a storage account that are sealed: nothing under them may be written or deleted again. */
export class SealRegistryRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async seal(account: string, container: string, prefix: string): Promise<void> {
    await this.db.insertInto('sealed_prefixes').values({ account, container, prefix }).onConflict((oc) => oc.doNothing()).execute();
  }

  async isSealed(account: string, container: string, name: string): Promise<boolean> {
    const rows = await this.db.selectFrom('sealed_prefixes').select('prefix').where('account', '=', account).where('container', '=', container).execute();
    return rows.some((r) => name.startsWith(r.prefix));
  }
}
