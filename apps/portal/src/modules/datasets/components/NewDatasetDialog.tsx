import { DATASET_CLASSIFICATIONS, TEXT_LIMITS } from '@cloister/domain';
import { Field, Input, Select, Textarea } from '@fluentui/react-components';
import { CreateFormDialog } from '../../../ui/forms/CreateFormDialog';
import { fieldValidation } from '../../../ui/forms/fieldProps';
import { useFormState } from '../../../ui/forms/useFormState';
import type { Dataset } from '../api/Dataset';
import { NEW_DATASET_FIELDS, type NewDatasetValues, toCreateDatasetBody, validateNewDataset } from '../datasetForm';
import { useCreateDataset } from '../hooks/useDatasets';
import { classificationLabels } from './DatasetStatusBadge';

const initialValues: NewDatasetValues = { name: '', description: '', classification: '' };

/** "New dataset" (data owners): name, description, classification; reports the new dataset to `onCreated`. */
export function NewDatasetDialog({ projectId, onCreated }: { projectId: string; onCreated: (dataset: Dataset) => void }) {
  const createDataset = useCreateDataset(projectId);
  const form = useFormState({ initial: initialValues, validate: validateNewDataset, fields: NEW_DATASET_FIELDS });
  return (
    <CreateFormDialog
      title="New dataset"
      form={form}
      initialValues={initialValues}
      create={(values) => createDataset.mutateAsync(toCreateDatasetBody(values))}
      onCreated={onCreated}
    >
      <Field label="Name" required {...fieldValidation(form.errorFor('name'))}>
        <Input value={form.values.name} maxLength={TEXT_LIMITS.dataset.name} onChange={(_, data) => form.set('name', data.value)} onBlur={() => form.touch('name')} />
      </Field>
      <Field label="Description" {...fieldValidation(form.errorFor('description'))}>
        <Textarea value={form.values.description} resize="vertical" onChange={(_, data) => form.set('description', data.value)} onBlur={() => form.touch('description')} />
      </Field>
      <Field
        label="Classification"
        required
        hint="How sensitive the data is; it decides who may see what and how outputs are checked."
        {...fieldValidation(form.errorFor('classification'))}
      >
        <Select value={form.values.classification} onChange={(_, data) => form.set('classification', data.value)} onBlur={() => form.touch('classification')}>
          <option value="" disabled>
            Choose…
          </option>
          {DATASET_CLASSIFICATIONS.map((option) => (
            <option key={option} value={option}>
              {classificationLabels[option]}
            </option>
          ))}
        </Select>
      </Field>
    </CreateFormDialog>
  );
}
