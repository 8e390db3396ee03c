import { describe, expect, it } from 'vitest';
import {
  assertMayCreateWorkspace, canConnectWorkspace, canPersonTransitionWorkspace, canTransitionWorkspace, WORKSPACE_ACTORS, WORKSPACE_STATUSES, WORKSPACE_TRANSITIONS, workspaceActorsOf,
} from './workspace-status';

// The expected machine, written out independently of the table so a wrong edit to either fails.
const USERS = ['owner', 'shared_user', 'project_admin'];
const EXPECTED = new Set([
  'creating>running>system', 'creating>failed>system',
  ...[...USERS, 'system'].map((a) => `running>stopping>${a}`),
  'stopping>stopped>system', 'stopping>failed>system',
  ...[...USERS, 'system'].map((a) => `stopped>starting>${a}`),
  'starting>running>system', 'starting>failed>system',
  'failed>stopping>project_admin',
  'running>deleting>owner', 'running>deleting>project_admin',
  'stopped>deleting>owner', 'stopped>deleting>project_admin',
  'failed>deleting>owner', 'failed>deleting>project_admin',
  'deleting>failed>system',
]);

describe('workspace status machine', () => {
  it('allows exactly the expected (from, to, actor) triples over every pair', () => {
    for (const from of WORKSPACE_STATUSES) {
      for (const to of WORKSPACE_STATUSES) {
        for (const actor of WORKSPACE_ACTORS) {
          expect(canTransitionWorkspace(from, to, actor), `${from} -> ${to} by ${actor}`).toBe(EXPECTED.has(`${from}>${to}>${actor}`));
        }
      }
    }
  });

  it('has no duplicate edges and names an audit action on each', () => {
    const keys = WORKSPACE_TRANSITIONS.map((t) => `${t.from}>${t.to}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(WORKSPACE_TRANSITIONS.every((t) => /^[a-z_]+$/.test(t.action))).toBe(true);
  });

  it('gives researchers their own and shared workspaces, admins all, others nothing', () => {
    expect(workspaceActorsOf({ ownerId: 'u1' }, 'u1', ['researcher'])).toEqual(['owner']);
    expect(workspaceActorsOf({ ownerId: null }, 'u1', ['researcher'])).toEqual(['shared_user']);
    expect(workspaceActorsOf({ ownerId: 'u2' }, 'u1', ['researcher'])).toEqual([]);
    expect(workspaceActorsOf({ ownerId: 'u2' }, 'u1', ['project_admin', 'researcher'])).toEqual(['project_admin']);
    expect(workspaceActorsOf({ ownerId: 'u1' }, 'u1', ['data_owner'])).toEqual([]);
    // A shared workspace can be stopped by its users but deleted only by a project admin.
    expect(canPersonTransitionWorkspace('running', 'stopping', ['shared_user'])).toBe(true);
    expect(canPersonTransitionWorkspace('stopped', 'deleting', ['shared_user'])).toBe(false);
    expect(canPersonTransitionWorkspace('creating', 'running', ['project_admin', 'owner'])).toBe(false);
  });

  it('lets anyone who acts on a workspace connect only while it runs', () => {
    expect(canConnectWorkspace('running', ['shared_user'])).toBe(true);
    expect(canConnectWorkspace('running', [])).toBe(false);
    expect(canConnectWorkspace('starting', ['owner', 'project_admin'])).toBe(false);
  });

  it('leaves shared workspaces to project admins and personal ones to researchers', () => {
    expect(() => assertMayCreateWorkspace(true, ['project_admin'])).not.toThrow();
    expect(() => assertMayCreateWorkspace(false, ['researcher'])).not.toThrow();
    expect(() => assertMayCreateWorkspace(true, ['researcher'])).toThrow(expect.objectContaining({ code: 'SHARED_WORKSPACE_ADMIN_ONLY' }));
    expect(() => assertMayCreateWorkspace(false, ['project_admin'])).toThrow(expect.objectContaining({ code: 'PERSONAL_WORKSPACE_RESEARCHER_ONLY' }));
  });
});
