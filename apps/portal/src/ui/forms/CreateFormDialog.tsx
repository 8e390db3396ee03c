import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState, type FormEvent, type ReactNode } from 'react';
import { ErrorState } from '../ErrorState';
import type { useFormState } from './useFormState';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

export interface CreateFormDialogProps<V extends object, R> {
  /** The trigger button's label and the dialog's title, e.g. "New dataset". */
  readonly title: string;
  readonly form: ReturnType<typeof useFormState<V>>;
  readonly initialValues: V;
  /** Sends the values; a rejection is spread over the fields by the form state. */
  readonly create: (values: V) => Promise<R>;
  readonly onCreated: (created: R) => void;
  /** The form's fields. */
  readonly children: ReactNode;
}

/**
 * A "create something" dialog: a primary trigger button, the fields, the API's form-level error, Cancel and Create.
 * It closes and resets only after the API accepted the values, and reports what was created.
 */
export function CreateFormDialog<V extends object, R>({ title, form, initialValues, create, onCreated, children }: CreateFormDialogProps<V, R>) {
  const styles = useStyles();
  const [open, setOpen] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    let created: { value: R } | null = null;
    const ok = await form.submit(async (values) => {
      created = { value: await create(values) };
    });
    // Stay on the page: leaving it while the modal is still closing leaves the app aria-hidden.
    if (ok && created !== null) {
      setOpen(false);
      form.reset(initialValues);
      onCreated((created as { value: R }).value);
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
        <Button appearance="primary">{title}</Button>
      </DialogTrigger>
      <DialogSurface aria-describedby={undefined}>
        <form onSubmit={(event) => void onSubmit(event)} noValidate>
          <DialogBody>
            <DialogTitle>{title}</DialogTitle>
            <DialogContent className={styles.form}>
              {form.formError !== null && <ErrorState error={form.formError} />}
              {children}
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
