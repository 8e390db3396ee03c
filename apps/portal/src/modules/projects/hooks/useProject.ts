import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApiClient } from '../../../api/useApiClient';
import { ME_QUERY_KEY } from '../../me/hooks/useMe';
import type { CreateProjectBody, ProjectStatus, UpdateProjectBody } from '../api/Project';
import { createProject, fetchProject, transitionProject, updateProject } from '../api/projectRequests';
import { isSettling } from '../lifecycle';

export const projectQueryKey = (projectId: string) => ['projects', projectId] as const;

export function useProject(projectId: string) {
  const client = useApiClient();
  return useQuery({
    queryKey: projectQueryKey(projectId),
    queryFn: () => fetchProject(client, projectId),
    // The worker finishes provisioning on its own; watch until it does.
    refetchInterval: (query) => (query.state.data && isSettling(query.state.data.status) ? 2000 : false),
  });
}

export function useCreateProject() {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateProjectBody) => createProject(client, body),
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: ['projects'] }), queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY })]),
  });
}

export function useUpdateProject(projectId: string) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateProjectBody) => updateProject(client, projectId, body),
    onSuccess: (project) => {
      queryClient.setQueryData(projectQueryKey(projectId), project);
      return Promise.all([queryClient.invalidateQueries({ queryKey: ['projects'] }), queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY })]);
    },
  });
}

export function useTransitionProject(projectId: string) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (to: ProjectStatus) => transitionProject(client, projectId, to),
    onSuccess: (project) => {
      queryClient.setQueryData(projectQueryKey(projectId), project);
      return Promise.all([queryClient.invalidateQueries({ queryKey: ['projects'] }), queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY })]);
    },
  });
}
