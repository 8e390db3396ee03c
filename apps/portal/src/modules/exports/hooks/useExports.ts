import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApiClient } from '../../../api/useApiClient';
import { type ExportDetail, type ExportStatus, type RequestBody, type SubmitReviewBody, type VotesBody, isWorking } from '../api/ExportRequest';
import {
  actOnExportRequest, createExportRequest, fetchExportRequest, fetchExportRequests, fetchMyExportReviews, fetchPreview, fetchStagedOutputs,
  type RequestAction, revokeExportRequest, saveVotes, submitReview, updateExportRequest,
} from '../api/exportRequests';

const projectKey = (projectId: string) => ['projects', projectId, 'export-requests'] as const;
export const exportRequestKey = (projectId: string, requestId: string) => [...projectKey(projectId), requestId] as const;
const myReviewsKey = ['me', 'export-reviews'] as const;

export function useStagedOutputs(projectId: string) {
  const client = useApiClient();
  return useQuery({ queryKey: ['projects', projectId, 'staged-outputs'], queryFn: () => fetchStagedOutputs(client, projectId) });
}

export function useExportRequests(projectId: string, status?: ExportStatus) {
  const client = useApiClient();
  return useQuery({
    queryKey: [...projectKey(projectId), { status: status ?? null }],
    queryFn: () => fetchExportRequests(client, projectId, status),
    refetchInterval: (query) => (query.state.data?.items.some((r) => isWorking(r.status)) ? 3000 : false),
  });
}

export function useMyExportReviews() {
  const client = useApiClient();
  return useQuery({ queryKey: myReviewsKey, queryFn: () => fetchMyExportReviews(client), refetchInterval: 15_000 });
}

export function useExportRequest(projectId: string, requestId: string, enabled = true) {
  const client = useApiClient();
  return useQuery({
    queryKey: exportRequestKey(projectId, requestId),
    queryFn: () => fetchExportRequest(client, projectId, requestId),
    enabled,
    // Checks and release run in the worker: watch until the request waits for a person again.
    refetchInterval: (query) => (query.state.data && isWorking(query.state.data.status) ? 2000 : false),
  });
}

/** Every change answers with the whole request: put it in the cache and refresh the lists. */
function useDetailMutation<Input>(projectId: string, send: (input: Input) => Promise<ExportDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: async (detail) => {
      queryClient.setQueryData(exportRequestKey(projectId, detail.id), detail);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: projectKey(projectId), predicate: (q) => q.queryKey.length === 4 && typeof q.queryKey[3] === 'object' }),
        queryClient.invalidateQueries({ queryKey: ['projects', projectId, 'staged-outputs'] }),
        queryClient.invalidateQueries({ queryKey: myReviewsKey }),
      ]);
    },
  });
}

export function useCreateExportRequest(projectId: string) {
  const client = useApiClient();
  return useDetailMutation(projectId, (body: RequestBody) => createExportRequest(client, projectId, body));
}

export function useUpdateExportRequest(projectId: string, requestId: string) {
  const client = useApiClient();
  return useDetailMutation(projectId, (body: RequestBody) => updateExportRequest(client, projectId, requestId, body));
}

export function useExportAction(projectId: string, requestId: string) {
  const client = useApiClient();
  return useDetailMutation(projectId, (action: RequestAction) => actOnExportRequest(client, projectId, requestId, action));
}

export function useRevokeExport(projectId: string, requestId: string) {
  const client = useApiClient();
  return useDetailMutation(projectId, (reason: string) => revokeExportRequest(client, projectId, requestId, reason));
}

export function useSaveVotes(projectId: string, requestId: string) {
  const client = useApiClient();
  return useDetailMutation(projectId, (body: VotesBody) => saveVotes(client, projectId, requestId, body));
}

export function useSubmitReview(projectId: string, requestId: string) {
  const client = useApiClient();
  return useDetailMutation(projectId, (body: SubmitReviewBody) => submitReview(client, projectId, requestId, body));
}

/** The frozen bytes of one file; fetched once per file (each preview is audited, so no refetching). */
export function usePreview(projectId: string, requestId: string, fileId: string, enabled: boolean) {
  const client = useApiClient();
  return useQuery({
    queryKey: [...exportRequestKey(projectId, requestId), 'files', fileId, 'preview'],
    queryFn: () => fetchPreview(client, projectId, requestId, fileId),
    enabled,
    staleTime: Infinity,
    gcTime: 5 * 60_000,
    refetchOnWindowFocus: false,
  });
}
