/**
 * How sensitive a dataset is, as its data owner declares it. One list for the API's validation, the persistence
 * type and the portal's form; the database CHECK constraint (migration 0002) holds the same four.
 */
export const DATASET_CLASSIFICATIONS = ['public', 'internal', 'confidential', 'restricted'] as const;

export type DatasetClassification = (typeof DATASET_CLASSIFICATIONS)[number];

export const isDatasetClassification = (value: string): value is DatasetClassification =>
  (DATASET_CLASSIFICATIONS as readonly string[]).includes(value);
