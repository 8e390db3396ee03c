import { Inject, Injectable } from '@nestjs/common';
import type { ObjectStoragePort } from '@cloister/domain';
import type { Db } from '@cloister/persistence';
import { DATABASE, PUBLIC_STORAGE, SECURE_STORAGE } from '../core-tokens';
import { OnJob } from '../jobs/on-job.decorator';
import { applySystemTransition } from './project-lifecycle';

/** Containers every installation needs on each account; per-project data lives under prefixes inside them. */
export const SECURE_CONTAINERS = ['import', 'export', 'workspace'] as const;
export const PUBLIC_CONTAINERS = ['uploads', 'exports'] as const;

/**
 * Project environments. This local driver prepares storage and marks the project active; the Bicep/ARM driver and
 * the simulated compute resources arrive with the infrastructure feature.
 */
@Injectable()
export class ProvisioningHandlers {
  constructor(
    @Inject(DATABASE) private readonly db: Db,
    @Inject(SECURE_STORAGE) private readonly secure: ObjectStoragePort,
    @Inject(PUBLIC_STORAGE) private readonly pub: ObjectStoragePort,
  ) {}

  @OnJob('provisioning', 'provision-project')
  async provision(payload: Record<string, unknown>): Promise<string> {
    const projectId = String(payload['projectId']);
    // Creating containers is idempotent, so a retried job simply does it again.
    for (const c of SECURE_CONTAINERS) await this.secure.ensureContainer(c);
    for (const c of PUBLIC_CONTAINERS) await this.pub.ensureContainer(c);
    return applySystemTransition(this.db, projectId, 'provisioning', 'active', 'provisioned', { driver: 'local' });
  }

  @OnJob('provisioning', 'decommission-project')
  async decommission(payload: Record<string, unknown>): Promise<string> {
    return applySystemTransition(this.db, String(payload['projectId']), 'decommissioning', 'archived', 'decommissioned', { driver: 'local' });
  }
}
