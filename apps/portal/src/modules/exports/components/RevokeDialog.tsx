import { TEXT_LIMITS, tooLongMessage } from '@cloister/domain';
import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, DialogTrigger, Field, Textarea } from '@fluentui/react-components';
import { type FormEvent, useState } from 'react';
import { ErrorState } from '../../../ui/ErrorState';
import { fieldValidation } from '../../../ui/forms/fieldProps';
import { useRevokeExport } from '../hooks/useExports';

/** Revokes a release (project admins and checkers): downloads stop and the public copies are deleted. */
export function RevokeDialog({ projectId, requestId }: { projectId: string; requestId: string }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const revoke = useRevokeExport(projectId, requestId);
  const max = TEXT_LIMITS.exportReview.revokeReason;
  const problem = reason.trim() === '' ? 'must not be empty' : reason.trim().length > max ? tooLongMessage(max) : undefined;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (problem !== undefined) return;
    revoke.mutate(reason.trim(), { onSuccess: () => setOpen(false) });
  };
  return (
    <Dialog open={open} onOpenChange={(_, d) => setOpen(d.open)}>
      <DialogTrigger disableButtonEnhancement>
        <Button>Revoke release</Button>
      </DialogTrigger>
      <DialogSurface aria-describedby={undefined}>
        <form onSubmit={onSubmit} noValidate>
          <DialogBody>
            <DialogTitle>Revoke this release</DialogTitle>
            <DialogContent>
              {revoke.isError && <ErrorState error={revoke.error} />}
              <Field label="Reason" required hint="The researcher sees it; downloads stop at once." {...fieldValidation(tried ? problem : undefined)}>
                <Textarea value={reason} onChange={(_, d) => setReason(d.value)} />
              </Field>
            </DialogContent>
            <DialogActions>
              <DialogTrigger disableButtonEnhancement>
                <Button>Cancel</Button>
              </DialogTrigger>
              <Button appearance="primary" type="submit" disabled={revoke.isPending}>
                Revoke
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
