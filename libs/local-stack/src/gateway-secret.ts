import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { MIN_GATEWAY_SECRET_LENGTH } from '@cloister/config';

/**
 * The secret the API signs secure-blob grants with and the worker verifies them with (SECURE_GATEWAY_SECRET),
 * generated once per data dir so a restarted API and worker keep agreeing.
 */
export function loadOrCreateGatewaySecret(file: string): string {
  if (existsSync(file)) {
    const secret = readFileSync(file, 'utf8').trim();
    if (secret.length >= MIN_GATEWAY_SECRET_LENGTH) return secret;
  }
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
