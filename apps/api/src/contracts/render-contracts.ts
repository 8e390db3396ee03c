import { buildOpenApi } from '../create-app';
import { listRoutes } from '../http/route-inventory';
import { createContractApp } from './contract-app';
import { renderSecurityDoc } from './permission-matrix';

/** The committed contracts: the OpenAPI document (the portal's client is generated from it) and docs/security.md. */
export async function renderContracts(): Promise<{ openapi: string; securityDoc: string }> {
  const app = await createContractApp();
  try {
    return { openapi: `${JSON.stringify(buildOpenApi(app), null, 2)}\n`, securityDoc: renderSecurityDoc(listRoutes(app)) };
  } finally {
    await app.close();
  }
}
