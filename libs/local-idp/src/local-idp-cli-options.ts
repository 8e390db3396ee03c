import { z } from 'zod';
import type { LocalIdpOptions } from './local-idp-options';

const localIdpOptionsSchema = z.object({
  issuer: z.url(),
  port: z.number().int().min(1).max(65535),
  host: z.string().min(1).optional(),
  dataDir: z.string().min(1),
  audience: z.string().min(1),
  portalClients: z
    .array(
      z.object({
        clientId: z.string().min(1),
        redirectUris: z.array(z.url()).min(1),
        postLogoutRedirectUris: z.array(z.url()),
      }),
    )
    .min(1),
  demoPassword: z.string().min(1),
  knownUsers: z.array(z.object({ email: z.string().min(3), name: z.string().min(1) })).optional(),
});

/** Parses the single JSON argument the launcher passes to `node libs/local-idp/dist/main.js '<json>'`. */
export function parseLocalIdpCliOptions(argument: string | undefined): LocalIdpOptions {
  if (!argument) throw new Error("usage: node libs/local-idp/dist/main.js '<json options>'");
  let json: unknown;
  try {
    json = JSON.parse(argument);
  } catch (error) {
    throw new Error('the options argument is not valid JSON', { cause: error });
  }
  const parsed = localIdpOptionsSchema.safeParse(json);
  if (!parsed.success) throw new Error(`invalid local IdP options: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
