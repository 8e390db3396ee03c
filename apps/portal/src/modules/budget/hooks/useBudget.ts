import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApiClient } from '../../../api/useApiClient';
import { type BudgetInput, fetchSpend, saveBudget } from '../api/budgetRequests';

const key = (projectId: string) => ['projects', projectId, 'spend'] as const;

/** Budget and this month's spend as the worker's budget sweep last priced it. */
export function useSpend(projectId: string) {
  const client = useApiClient();
  return useQuery({ queryKey: key(projectId), queryFn: () => fetchSpend(client, projectId), refetchInterval: 60_000 });
}

export function useSaveBudget(projectId: string) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: (body: BudgetInput) => saveBudget(client, projectId, body), onSuccess: () => queryClient.invalidateQueries({ queryKey: key(projectId) }) });
}
