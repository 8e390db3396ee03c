import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApiClient } from '../../../api/useApiClient';
import { type CreateDatasetBody, type Dataset, isInTransfer } from '../api/Dataset';
import { createDataset, createVersion, fetchDataset, fetchDatasets, fetchManifest, retryVersion, submitVersion } from '../api/datasetRequests';

export const datasetsQueryKey = (projectId: string) => ['projects', projectId, 'datasets'] as const;
export const datasetQueryKey = (projectId: string, datasetId: string) => ['projects', projectId, 'datasets', datasetId] as const;

const inTransfer = (dataset: Dataset | undefined) => dataset?.versions.some((v) => isInTransfer(v.status)) ?? false;

export function useDatasets(projectId: string) {
  const client = useApiClient();
  return useQuery({
    queryKey: datasetsQueryKey(projectId),
    queryFn: () => fetchDatasets(client, projectId),
    refetchInterval: (query) => (query.state.data?.items.some(inTransfer) ? 3000 : false),
  });
}

export function useDataset(projectId: string, datasetId: string) {
  const client = useApiClient();
  return useQuery({
    queryKey: datasetQueryKey(projectId, datasetId),
    queryFn: () => fetchDataset(client, projectId, datasetId),
    // The worker copies, verifies and seals on its own: watch until the version settles.
    refetchInterval: (query) => (inTransfer(query.state.data) ? 2000 : false),
  });
}

export function useManifest(projectId: string, datasetId: string, version: number, enabled: boolean) {
  const client = useApiClient();
  return useQuery({
    queryKey: [...datasetQueryKey(projectId, datasetId), 'versions', version, 'manifest'] as const,
    queryFn: () => fetchManifest(client, projectId, datasetId, version),
    enabled,
    // An available version is sealed: its manifest never changes.
    staleTime: Infinity,
  });
}

/** Every change answers with the whole dataset: put it in the cache and refresh the project's list. */
function useDatasetMutation<Input>(projectId: string, send: (input: Input) => Promise<Dataset>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (dataset) => {
      queryClient.setQueryData(datasetQueryKey(projectId, dataset.id), dataset);
      return queryClient.invalidateQueries({ queryKey: datasetsQueryKey(projectId), exact: true });
    },
  });
}

export function useCreateDataset(projectId: string) {
  const client = useApiClient();
  return useDatasetMutation(projectId, (body: CreateDatasetBody) => createDataset(client, projectId, body));
}

export function useCreateVersion(projectId: string, datasetId: string) {
  const client = useApiClient();
  return useDatasetMutation(projectId, () => createVersion(client, projectId, datasetId));
}

export function useSubmitVersion(projectId: string, datasetId: string) {
  const client = useApiClient();
  return useDatasetMutation(projectId, (version: number) => submitVersion(client, projectId, datasetId, version));
}

export function useRetryVersion(projectId: string, datasetId: string) {
  const client = useApiClient();
  return useDatasetMutation(projectId, (version: number) => retryVersion(client, projectId, datasetId, version));
}
