import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { newAccountKey } from '@cloister/adapters';

export interface StorageKeys {
  readonly public: string;
  readonly secure: string;
}

/** Azurite account keys, generated once per data dir so stored blobs stay readable across restarts. */
export function loadOrCreateStorageKeys(file: string): StorageKeys {
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as StorageKeys;
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const keys = { public: newAccountKey(), secure: newAccountKey() };
  writeFileSync(file, JSON.stringify(keys, null, 2), { mode: 0o600 });
  return keys;
}
