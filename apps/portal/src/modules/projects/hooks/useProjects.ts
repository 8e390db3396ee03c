import { useQuery } from '@tanstack/react-query';
import { useApiClient } from '../../../api/useApiClient';
import { fetchProjects } from '../api/fetchProjects';

export function useProjects() {
  const client = useApiClient();
  return useQuery({ queryKey: ['projects'], queryFn: () => fetchProjects(client) });
}
