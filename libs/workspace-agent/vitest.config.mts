import { nodeProject } from '../../tools/vitest/node-project.mts';

export default nodeProject('workspace-agent');
