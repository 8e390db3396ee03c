/**
 * KNOWN_IDENTIFIER: exact matches against a project-supplied list (e.g. the cohort's own NHS numbers),
 * held only as HMAC-SHA-256 values under the project key. Values are normalised first (upper case, letters
 * and digits only) so "943 476 5919" and "9434765919" match the same entry.
 */
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { KnownIdentifierSet } from './types';

export function normaliseIdentifier(value: string): string {
  return value.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

export function hmacIdentifier(key: Buffer | string, value: string): string {
  return createHmac('sha256', key).update(normaliseIdentifier(value), 'utf8').digest('hex');
}

/** Builds a set from clear-text identifiers (run where the identifiers already live; only hashes leave). */
export function buildKnownIdentifierSet(values: Iterable<string>, key: Buffer | string): KnownIdentifierSet {
  const hashes = new Set<string>();
  const lengths = new Set<number>();
  for (const v of values) {
    const n = normaliseIdentifier(v);
    if (n.length < 3) continue;
    hashes.add(hmacIdentifier(key, n));
    lengths.add(n.length);
  }
  return { key, hashes, lengths };
}

export interface KnownIdentifierFile {
  algorithm: 'HMAC-SHA-256';
  normalisation: 'upper-alnum';
  lengths: number[];
  hashes: string[];
}

export function serialiseKnownIdentifierSet(set: KnownIdentifierSet): KnownIdentifierFile {
  return { algorithm: 'HMAC-SHA-256', normalisation: 'upper-alnum', lengths: [...set.lengths].sort((a, b) => a - b), hashes: [...set.hashes].sort() };
}

export function loadKnownIdentifierFile(path: string, key: Buffer | string): KnownIdentifierSet {
  const raw = JSON.parse(readFileSync(path, 'utf8')) as Partial<KnownIdentifierFile>;
  if (raw.algorithm !== 'HMAC-SHA-256' || !Array.isArray(raw.hashes)) throw new Error(`${path}: not a known-identifier file (expected algorithm HMAC-SHA-256 and hashes[])`);
  const hashes = new Set(raw.hashes.map((h) => String(h).toLowerCase()));
  const lengths = new Set(Array.isArray(raw.lengths) && raw.lengths.length ? raw.lengths.map(Number) : Array.from({ length: 64 }, (_, i) => i + 3));
  return { key, hashes, lengths };
}

export function knownMatch(set: KnownIdentifierSet, text: string): boolean {
  const n = normaliseIdentifier(text);
  if (!set.lengths.has(n.length)) return false;
  return set.hashes.has(createHmac('sha256', set.key).update(n, 'utf8').digest('hex'));
}
