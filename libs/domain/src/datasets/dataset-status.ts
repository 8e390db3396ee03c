import { type Transition, transitionTable } from '../state-machine/transition-table';

/** Lifecycle of one dataset version, from first upload to a sealed, verified copy on the secure side. */
export const DATASET_STATUSES = ['draft', 'uploading', 'submitted', 'transferring', 'verifying', 'available', 'failed', 'rejected'] as const;
export type DatasetStatus = (typeof DATASET_STATUSES)[number];

export type DatasetActor = 'data_owner' | 'project_admin' | 'system';

export type DatasetTransition = Transition<DatasetStatus, DatasetActor>;

export const DATASET_TRANSITIONS: readonly DatasetTransition[] = [
  { from: 'draft', to: 'uploading', actors: ['data_owner'], action: 'upload_started' },
  { from: 'uploading', to: 'submitted', actors: ['data_owner'], action: 'submitted' },
  { from: 'submitted', to: 'transferring', actors: ['system'], action: 'transfer_started' },
  { from: 'transferring', to: 'verifying', actors: ['system'], action: 'verification_started' },
  { from: 'verifying', to: 'available', actors: ['system'], action: 'available' },
  { from: 'submitted', to: 'failed', actors: ['system'], action: 'failed' },
  { from: 'transferring', to: 'failed', actors: ['system'], action: 'failed' },
  { from: 'verifying', to: 'failed', actors: ['system'], action: 'failed' },
  { from: 'failed', to: 'submitted', actors: ['data_owner', 'project_admin'], action: 'retried' },
  { from: 'uploading', to: 'rejected', actors: ['system'], action: 'rejected' },
  { from: 'submitted', to: 'rejected', actors: ['system'], action: 'rejected' },
  { from: 'transferring', to: 'rejected', actors: ['system'], action: 'rejected' },
];

const datasetMachine = transitionTable(DATASET_TRANSITIONS);
export const findDatasetTransition = datasetMachine.find;
export const canTransitionDataset = datasetMachine.allows;

/** A version is finished (no more work will happen without a person acting) in these states. */
export const DATASET_SETTLED: readonly DatasetStatus[] = ['available', 'failed', 'rejected'];
