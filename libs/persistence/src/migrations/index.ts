import * as m0001 from './0001-initial';
import * as m0002 from './0002-datasets';
import * as m0003 from './0003-project-environments';
import * as m0005 from './0005-staged-outputs';
import * as m0006 from './0006-notifications';
import * as m0007 from './0007-workspaces';
import * as m0008 from './0008-export-requests';
import * as m0009 from './0009-policy-compliance';
import * as m0010 from './0010-address-range-reservations';
import * as m0011 from './0011-sealed-objects';
import * as m0012 from './0012-budget-exhaustion-from-threshold';
import * as m0013 from './0013-export-unpublished';
import * as m0014 from './0014-workspace-requested-move';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly up: string;
}

/** Forward-only, in order. Never edit a landed migration; add the next one. */
export const MIGRATIONS: readonly Migration[] = [{ version: 1, ...m0001 }, { version: 2, ...m0002 }, { version: 3, ...m0003 }, { version: 5, ...m0005 }, { version: 6, ...m0006 }, { version: 7, ...m0007 }, { version: 8, ...m0008 }, { version: 9, ...m0009 }, { version: 10, ...m0010 }, { version: 11, ...m0011 }, { version: 12, ...m0012 }, { version: 13, ...m0013 }, { version: 14, ...m0014 }];
