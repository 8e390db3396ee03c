import { nodeProject } from '../vitest/node-project.mts';

// Repository-wide rules (lint boundaries, who reads the environment), checked against the real lint config.
export default nodeProject('architecture', { testTimeout: 120_000 });
