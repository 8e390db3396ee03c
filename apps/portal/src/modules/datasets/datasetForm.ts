import { compactErrors } from '../../ui/forms/validators';
import type { Classification, CreateDatasetBody } from './api/Dataset';
import { CLASSIFICATIONS } from './api/Dataset';

export interface NewDatasetValues {
  name: string;
  description: string;
  classification: string;
}

export const NEW_DATASET_FIELDS = ['name', 'description', 'classification'] as const;

const isClassification = (value: string): value is Classification => (CLASSIFICATIONS as readonly string[]).includes(value);

/** The API's rules for a new dataset, in its words. */
export function validateNewDataset(values: NewDatasetValues): Record<string, string> {
  const name = values.name.trim();
  return compactErrors({
    name: name === '' ? 'must not be empty' : name.length > 120 ? 'must be at most 120 characters' : null,
    description: values.description.trim().length > 2000 ? 'must be at most 2000 characters' : null,
    classification: isClassification(values.classification) ? null : `must be one of ${CLASSIFICATIONS.join(', ')}`,
  });
}

export function toCreateDatasetBody(values: NewDatasetValues): CreateDatasetBody {
  if (!isClassification(values.classification)) throw new Error('classification was not validated');
  return { name: values.name.trim(), description: values.description.trim(), classification: values.classification };
}
