import { DATASET_CLASSIFICATIONS, isDatasetClassification, TEXT_LIMITS, tooLongMessage } from '@cloister/domain';
import { compactErrors } from '../../ui/forms/validators';
import type { CreateDatasetBody } from './api/Dataset';

export interface NewDatasetValues {
  name: string;
  description: string;
  classification: string;
}

export const NEW_DATASET_FIELDS = ['name', 'description', 'classification'] as const;

const LIMITS = TEXT_LIMITS.dataset;

/** The API's rules for a new dataset, in its words. */
export function validateNewDataset(values: NewDatasetValues): Record<string, string> {
  const name = values.name.trim();
  return compactErrors({
    name: name === '' ? 'must not be empty' : name.length > LIMITS.name ? tooLongMessage(LIMITS.name) : null,
    description: values.description.trim().length > LIMITS.description ? tooLongMessage(LIMITS.description) : null,
    classification: isDatasetClassification(values.classification) ? null : `must be one of ${DATASET_CLASSIFICATIONS.join(', ')}`,
  });
}

export function toCreateDatasetBody(values: NewDatasetValues): CreateDatasetBody {
  if (!isDatasetClassification(values.classification)) throw new Error('classification was not validated');
  return { name: values.name.trim(), description: values.description.trim(), classification: values.classification };
}
