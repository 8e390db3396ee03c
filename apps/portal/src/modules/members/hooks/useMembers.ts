import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApiClient } from '../../../api/useApiClient';
import type { ProjectRole } from '../../me/api/Me';
import { ME_QUERY_KEY } from '../../me/hooks/useMe';
import { addMember, assignProjectAdmin, fetchMembers, removeMember, setMemberRoles } from '../api/memberRequests';

export const membersQueryKey = (projectId: string) => ['projects', projectId, 'members'] as const;

export function useMembers(projectId: string) {
  const client = useApiClient();
  return useQuery({ queryKey: membersQueryKey(projectId), queryFn: () => fetchMembers(client, projectId) });
}

/** Every membership change may change the caller's own roles, so /me is refreshed too. */
function useMembershipMutation<Input, Output>(projectId: string, send: (input: Input) => Promise<Output>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: membersQueryKey(projectId) }), queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY })]),
  });
}

export function useAddMember(projectId: string) {
  const client = useApiClient();
  return useMembershipMutation(projectId, (input: { email: string; roles: ProjectRole[] }) => addMember(client, projectId, input.email, input.roles));
}

export function useSetMemberRoles(projectId: string) {
  const client = useApiClient();
  return useMembershipMutation(projectId, (input: { userId: string; roles: ProjectRole[] }) => setMemberRoles(client, projectId, input.userId, input.roles));
}

export function useRemoveMember(projectId: string) {
  const client = useApiClient();
  return useMembershipMutation(projectId, (userId: string) => removeMember(client, projectId, userId));
}

export function useAssignProjectAdmin(projectId: string) {
  const client = useApiClient();
  return useMembershipMutation(projectId, (email: string) => assignProjectAdmin(client, projectId, email));
}
