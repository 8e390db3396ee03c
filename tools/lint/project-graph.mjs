// Computes and caches the Nx project graph. @nx/enforce-module-boundaries reads only the cached graph and, when there
// is none (a fresh clone), skips itself with a warning: lint would then pass imports the architecture forbids.
import { createProjectGraphAsync } from '@nx/devkit';

process.env.NX_DAEMON ??= 'false';
await createProjectGraphAsync({ exitOnError: true });
