import { appendFile, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Adapter, AdapterPayload } from 'oidc-provider';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProviderAdapterFactory } from './provider-adapter';
import { PROVIDER_STORE_FILE, ProviderStore } from './provider-store';

/** A clock the test moves by hand, so expiry is shown without waiting. */
class ManualClock {
  at = Date.UTC(2030, 0, 1);
  readonly now = () => this.at;
  advanceSeconds(seconds: number): void {
    this.at += seconds * 1000;
  }
}

describe('the IdP provider store', () => {
  let directory: string;
  let clock: ManualClock;
  let store: ProviderStore<AdapterPayload>;
  let adapterFor: (model: string) => Adapter;

  const open = async () => {
    store = await ProviderStore.open<AdapterPayload>({ directory, now: clock.now });
    adapterFor = createProviderAdapterFactory(store);
  };
  const reopen = async () => {
    await store.close();
    await open();
  };
  const storedLines = async () => (await readFile(join(directory, PROVIDER_STORE_FILE), 'utf8')).split('\n').filter(Boolean);

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'cloister-idp-store-'));
    clock = new ManualClock();
    await open();
  });
  afterEach(async () => {
    await store.close();
    await rm(directory, { recursive: true, force: true });
  });

  it('keeps every model across a reopen, with consumed marks, and finds sessions by uid', async () => {
    await adapterFor('Session').upsert('session-1', { kind: 'Session', uid: 'uid-1', accountId: 'local|a' }, 3600);
    await adapterFor('AuthorizationCode').upsert('code-1', { kind: 'AuthorizationCode', grantId: 'grant-1' }, 60);
    await adapterFor('AuthorizationCode').consume('code-1');
    await adapterFor('Interaction').upsert('interaction-1', { kind: 'Interaction', uid: 'uid-1' }, 3600);
    await adapterFor('Client').upsert('client-1', { client_id: 'client-1' });

    await reopen();

    expect(await adapterFor('Session').find('session-1')).toEqual({ kind: 'Session', uid: 'uid-1', accountId: 'local|a' });
    // findByUid answers for its own model only: the interaction shares the uid but is not a session.
    expect(await adapterFor('Session').findByUid('uid-1')).toMatchObject({ kind: 'Session' });
    expect(await adapterFor('Session').findByUid('uid-2')).toBeUndefined();
    expect(await adapterFor('AuthorizationCode').find('code-1')).toMatchObject({ grantId: 'grant-1', consumed: expect.any(Number) });
    expect(await adapterFor('Interaction').find('interaction-1')).toMatchObject({ kind: 'Interaction' });
    expect(await adapterFor('Client').find('client-1')).toEqual({ client_id: 'client-1' });
    // Same id, different model: a different entry.
    expect(await adapterFor('Session').find('client-1')).toBeUndefined();
  });

  it('finds device codes by user code', async () => {
    await adapterFor('DeviceCode').upsert('device-1', { kind: 'DeviceCode', userCode: 'ABCD-EFGH' }, 600);
    expect(await adapterFor('DeviceCode').findByUserCode('ABCD-EFGH')).toMatchObject({ kind: 'DeviceCode' });
    expect(await adapterFor('DeviceCode').findByUserCode('ZZZZ-ZZZZ')).toBeUndefined();
  });

  it('hands out copies: changing a found payload does not change what is stored', async () => {
    await adapterFor('Session').upsert('session-1', { kind: 'Session', accountId: 'local|a' }, 3600);
    const found = await adapterFor('Session').find('session-1');
    if (!found) throw new Error('session not found');
    found.accountId = 'local|mallory';
    expect(await adapterFor('Session').find('session-1')).toMatchObject({ accountId: 'local|a' });
  });

  it('revokeByGrantId removes every token of that grant, and nothing of other grants', async () => {
    await adapterFor('AuthorizationCode').upsert('code-1', { grantId: 'grant-1' }, 60);
    await adapterFor('AccessToken').upsert('at-1', { grantId: 'grant-1' }, 3600);
    await adapterFor('RefreshToken').upsert('rt-1', { grantId: 'grant-1' }, 86_400);
    await adapterFor('RefreshToken').upsert('rt-2', { grantId: 'grant-2' }, 86_400);
    await adapterFor('Grant').upsert('grant-1', { kind: 'Grant', accountId: 'local|a' }, 86_400);

    await adapterFor('RefreshToken').revokeByGrantId('grant-1');

    expect(await adapterFor('AuthorizationCode').find('code-1')).toBeUndefined();
    expect(await adapterFor('AccessToken').find('at-1')).toBeUndefined();
    expect(await adapterFor('RefreshToken').find('rt-1')).toBeUndefined();
    expect(await adapterFor('RefreshToken').find('rt-2')).toMatchObject({ grantId: 'grant-2' });
    // The provider destroys the Grant itself when its policy says so; revoking its tokens leaves it.
    expect(await adapterFor('Grant').find('grant-1')).toMatchObject({ kind: 'Grant' });

    await reopen();
    expect(await adapterFor('RefreshToken').find('rt-1')).toBeUndefined();
    expect(await adapterFor('AccessToken').find('at-1')).toBeUndefined();
    expect(await adapterFor('RefreshToken').find('rt-2')).toMatchObject({ grantId: 'grant-2' });
  });

  it('destroy removes the entry for good', async () => {
    await adapterFor('Session').upsert('session-1', { kind: 'Session', uid: 'uid-1' }, 3600);
    await adapterFor('Session').destroy('session-1');
    expect(await adapterFor('Session').find('session-1')).toBeUndefined();
    expect(await adapterFor('Session').findByUid('uid-1')).toBeUndefined();
    await reopen();
    expect(await adapterFor('Session').find('session-1')).toBeUndefined();
  });

  it('does not return expired entries, and drops them from the file', async () => {
    await adapterFor('AuthorizationCode').upsert('code-1', { grantId: 'grant-1', kind: 'AuthorizationCode' }, 60);
    await adapterFor('Session').upsert('session-1', { kind: 'Session', uid: 'uid-1' }, 3600);

    clock.advanceSeconds(59);
    expect(await adapterFor('AuthorizationCode').find('code-1')).toMatchObject({ kind: 'AuthorizationCode' });
    clock.advanceSeconds(1);
    expect(await adapterFor('AuthorizationCode').find('code-1')).toBeUndefined();
    // Consuming or revoking an expired entry does not bring it back.
    await adapterFor('AuthorizationCode').consume('code-1');
    expect(await adapterFor('AuthorizationCode').find('code-1')).toBeUndefined();

    clock.advanceSeconds(3600);
    expect(await adapterFor('Session').find('session-1')).toBeUndefined();
    expect(await adapterFor('Session').findByUid('uid-1')).toBeUndefined();

    await reopen();
    expect(await storedLines()).toEqual([]);
  });

  it('upserting again resets the expiry', async () => {
    await adapterFor('Session').upsert('session-1', { kind: 'Session' }, 60);
    clock.advanceSeconds(50);
    await adapterFor('Session').upsert('session-1', { kind: 'Session' }, 60);
    clock.advanceSeconds(50);
    expect(await adapterFor('Session').find('session-1')).toEqual({ kind: 'Session' });
  });

  it('compacts the log, so rewriting the same entries does not grow it without bound', async () => {
    for (let round = 0; round < 3000; round += 1) {
      await adapterFor('Session').upsert(`session-${round % 10}`, { kind: 'Session', loginTs: round }, 3600);
    }
    // 3000 appends to 10 entries: compaction has kept the file to about a thousand lines, not three thousand.
    expect((await storedLines()).length).toBeLessThanOrEqual(1024);
    await reopen();
    expect(await storedLines()).toHaveLength(10);
    expect(await adapterFor('Session').find('session-9')).toEqual({ kind: 'Session', loginTs: 2999 });
  });

  it('ignores an append cut short by a crash, but refuses a damaged line in the middle', async () => {
    await adapterFor('Session').upsert('session-1', { kind: 'Session' }, 3600);
    await store.close();
    await appendFile(join(directory, PROVIDER_STORE_FILE), '{"op":"set","key":"Session:session-2","expi');
    await open();
    expect(await adapterFor('Session').find('session-1')).toEqual({ kind: 'Session' });
    expect(await storedLines()).toHaveLength(1);

    await store.close();
    await writeFile(join(directory, PROVIDER_STORE_FILE), 'not json\n{"op":"delete","key":"Session:session-1"}\n');
    await expect(ProviderStore.open({ directory, now: clock.now })).rejects.toThrow(/line 1 is not a store record/);
    // The refused open released its lock: fixing the file lets the store open.
    await writeFile(join(directory, PROVIDER_STORE_FILE), '');
    await open();
  });

  it('refuses a second store on the same directory while the first is open', async () => {
    await expect(ProviderStore.open({ directory })).rejects.toThrow(/in use by another local IdP \(process \d+\)/);
    await store.close();
    const second = await ProviderStore.open({ directory });
    await second.close();
    await open();
  });

  it('takes over the lock of a process that is gone', async () => {
    await store.close();
    // Not a running process id (above the kernel's pid_max): what a killed IdP leaves behind.
    await writeFile(join(directory, 'provider-store.lock'), '99999999');
    await open();
    await adapterFor('Session').upsert('session-1', { kind: 'Session' }, 3600);
    expect(await adapterFor('Session').find('session-1')).toEqual({ kind: 'Session' });
  });

  it('keeps the file private to the owner', async () => {
    await adapterFor('Session').upsert('session-1', { kind: 'Session' }, 3600);
    expect((await stat(join(directory, PROVIDER_STORE_FILE))).mode & 0o777).toBe(0o600);
  });
});
