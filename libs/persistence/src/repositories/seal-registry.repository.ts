import type { Kysely } from 'kysely';
import type { Database } from '../schema';

export interface SealedObject {
  readonly name: string;
  readonly size: number;
  readonly sha256: string;
}

/** Prefixes of a storage account that are sealed: nothing under them may be written or deleted again. */
export class SealRegistryRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Seals `prefix`. `objects` (names within the prefix, with size and SHA-256) are what every later read is checked
   * against; recorded in the same transaction as the seal, and never changed once sealed.
   */
  async seal(account: string, container: string, prefix: string, objects: readonly SealedObject[]): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      for (let i = 0; i < objects.length; i += 500) {
        await trx.insertInto('sealed_objects')
          .values(objects.slice(i, i + 500).map((o) => ({ account, container, name: o.name, size: o.size, sha256: o.sha256 })))
          .onConflict((oc) => oc.doNothing()).execute();
      }
      await trx.insertInto('sealed_prefixes').values({ account, container, prefix }).onConflict((oc) => oc.doNothing()).execute();
    });
  }

  async isSealed(account: string, container: string, name: string): Promise<boolean> {
    const rows = await this.db.selectFrom('sealed_prefixes').select('prefix').where('account', '=', account).where('container', '=', container).execute();
    return rows.some((r) => name.startsWith(r.prefix));
  }

  /** Size and SHA-256 recorded for a sealed object; null if none was recorded (or the object is not sealed). */
  async sealedDigest(account: string, container: string, name: string): Promise<{ size: number; sha256: string } | null> {
    const r = await this.db.selectFrom('sealed_objects').select(['size', 'sha256']).where('account', '=', account).where('container', '=', container).where('name', '=', name).executeTakeFirst();
    return r ? { size: Number(r.size), sha256: r.sha256 } : null;
  }
}
