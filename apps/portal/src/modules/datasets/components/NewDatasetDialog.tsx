import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Field,
  Input,
  Select,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import { ErrorState } from '../../../ui/ErrorState';
import { fieldValidation } from '../../../ui/forms/fieldProps';
import { useFormState } from '../../../ui/forms/useFormState';
import { CLASSIFICATIONS, type Dataset } from '../api/Dataset';
import { NEW_DATASET_FIELDS, type NewDatasetValues, toCreateDatasetBody, validateNewDataset } from '../datasetForm';
import { useCreateDataset } from '../hooks/useDatasets';
import { classificationLabels } from './DatasetStatusBadge';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

const initialValues: NewDatasetValues = { name: '', description: '', classification: '' };

/** "New dataset" (data owners): name, description, classification; reports the new dataset to `onCreated`. */
export function NewDatasetDialog({ projectId, onCreated }: { projectId: string; onCreated: (dataset: Dataset) => void }) {
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  const createDataset = useCreateDataset(projectId);
  const form = useFormState({ initial: initialValues, validate: validateNewDataset, fields: NEW_DATASET_FIELDS });

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    let created: Dataset | null = null;
    const ok = await form.submit(async (values) => {
      created = await createDataset.mutateAsync(toCreateDatasetBody(values));
    });
    if (ok && created !== null) {
      setOpen(false);
      form.reset(initialValues);
      onCreated(created);
    }
  };

  return (
    <Dialog
      open={open}
      onOpenChange={(_, data) => {
        setOpen(data.open);
        if (!data.open) form.reset(initialValues);
      }}
    >
      <DialogTrigger disableButtonEnhancement>
        <Button appearance="primary">New dataset</Button>
      </DialogTrigger>
      <DialogSurface aria-describedby={undefined}>
        <form onSubmit={(event) => void onSubmit(event)} noValidate>
          <DialogBody>
            <DialogTitle>New dataset</DialogTitle>
            <DialogContent className={styles.form}>
              {form.formError !== null && <ErrorState error={form.formError} />}
              <Field label="Name" required {...fieldValidation(form.errorFor('name'))}>
                <Input value={form.values.name} maxLength={200} onChange={(_, data) => form.set('name', data.value)} onBlur={() => form.touch('name')} />
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
                  {CLASSIFICATIONS.map((option) => (
                    <option key={option} value={option}>
                      {classificationLabels[option]}
                    </option>
                  ))}
                </Select>
              </Field>
            </DialogContent>
            <DialogActions>
              <DialogTrigger disableButtonEnhancement>
                <Button appearance="secondary">Cancel</Button>
              </DialogTrigger>
              <Button appearance="primary" type="submit" disabled={form.submitting}>
                {form.submitting ? 'Creating…' : 'Create'}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
