import { WORKSPACE_IN_PROGRESS, type WorkspaceStatus } from '@cloister/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApiClient } from '../../../api/useApiClient';
import {
  changeWorkspace, connectWorkspace, createWorkspace, fetchMyWorkspaces, fetchProjectWorkspaces, fetchSizes, type NewWorkspace, type WorkspaceAction,
} from '../api/workspaceRequests';

const IN_PROGRESS: ReadonlySet<string> = new Set<WorkspaceStatus>(WORKSPACE_IN_PROGRESS);
/** Poll quickly while any workspace is changing state (the worker moves it on), otherwise now and then. */
const pollWhileBusy = (items: readonly { status: string }[] | undefined) => (items?.some((w) => IN_PROGRESS.has(w.status)) ? 1000 : 15_000);

export const WORKSPACES_KEY = ['workspaces'] as const;

export function useMyWorkspaces() {
  const client = useApiClient();
  return useQuery({ queryKey: [...WORKSPACES_KEY, 'mine'], queryFn: () => fetchMyWorkspaces(client), refetchInterval: (q) => pollWhileBusy(q.state.data) });
}

export function useProjectWorkspaces(projectId: string) {
  const client = useApiClient();
  return useQuery({ queryKey: [...WORKSPACES_KEY, projectId], queryFn: () => fetchProjectWorkspaces(client, projectId), refetchInterval: (q) => pollWhileBusy(q.state.data), enabled: Boolean(projectId) });
}

export function useWorkspaceSizes(projectId: string) {
  const client = useApiClient();
  return useQuery({ queryKey: ['workspace-sizes', projectId], queryFn: () => fetchSizes(client, projectId), enabled: Boolean(projectId), staleTime: Infinity });
}

export function useCreateWorkspace(projectId: string) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: (body: NewWorkspace) => createWorkspace(client, projectId, body), onSuccess: () => queryClient.invalidateQueries({ queryKey: WORKSPACES_KEY }) });
}

export function useChangeWorkspace() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { projectId: string; workspaceId: string; action: WorkspaceAction }) => changeWorkspace(client, input.projectId, input.workspaceId, input.action),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: WORKSPACES_KEY }),
  });
}

export function useConnectWorkspace() {
  const client = useApiClient();
  return useMutation({ mutationFn: (input: { projectId: string; workspaceId: string }) => connectWorkspace(client, input.projectId, input.workspaceId) });
}
