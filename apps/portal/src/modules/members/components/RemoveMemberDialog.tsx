import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle } from '@fluentui/react-components';
import type { Member } from '../api/Member';

interface RemoveMemberDialogProps {
  member: Member | null;
  removing: boolean;
  onConfirm: (member: Member) => void;
  onCancel: () => void;
}

/** Asks before removing; a removed member loses access to the project's workspaces and data. */
export function RemoveMemberDialog({ member, removing, onConfirm, onCancel }: RemoveMemberDialogProps) {
  return (
    <Dialog open={member !== null} onOpenChange={(_, data) => !data.open && onCancel()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>Remove member?</DialogTitle>
          <DialogContent>
            {member?.email} will lose every role in this project and their access to its workspaces and data.
          </DialogContent>
          <DialogActions>
            <Button appearance="secondary" onClick={onCancel}>
              Cancel
            </Button>
            <Button appearance="primary" disabled={removing} onClick={() => member && onConfirm(member)}>
              {removing ? 'Removing…' : 'Remove'}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
