import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApiClient } from '../../../api/useApiClient';
import { fetchIdlePolicy, fetchSchedule, type IdlePolicyInput, previewSchedule, saveIdlePolicy, saveSchedule, type ScheduleInput } from '../api/computePolicyRequests';

export function useSchedule(projectId: string) {
  const client = useApiClient();
  return useQuery({ queryKey: ['projects', projectId, 'schedule'], queryFn: () => fetchSchedule(client, projectId) });
}

export function useSaveSchedule(projectId: string) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: (body: ScheduleInput) => saveSchedule(client, projectId, body), onSuccess: (data) => queryClient.setQueryData(['projects', projectId, 'schedule'], data) });
}

/** The next five runs of the schedule as typed (validated by the API, so errors name the field). */
export function useSchedulePreview(projectId: string, input: ScheduleInput | null) {
  const client = useApiClient();
  return useQuery({ queryKey: ['projects', projectId, 'schedule-preview', input], queryFn: () => previewSchedule(client, projectId, input!), enabled: input !== null, retry: false });
}

export function useIdlePolicy(projectId: string) {
  const client = useApiClient();
  return useQuery({ queryKey: ['projects', projectId, 'idle-policy'], queryFn: () => fetchIdlePolicy(client, projectId) });
}

export function useSaveIdlePolicy(projectId: string) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: (body: IdlePolicyInput) => saveIdlePolicy(client, projectId, body), onSuccess: (data) => queryClient.setQueryData(['projects', projectId, 'idle-policy'], data) });
}
