import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { ErrorState } from '../../../ui/ErrorState';
import { useCurrentUser } from '../../me/hooks/useCurrentUser';
import type { Project } from '../api/Project';
import { useTransitionProject } from '../hooks/useProject';
import { lifecycleActions, type LifecycleAction } from '../lifecycle';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalS },
});

/** Provision / Suspend / Resume / Retry (and Decommission for platform admins), as the transition table allows. */
export function ProjectLifecycleActions({ project }: { project: Project }) {
  const styles = useStyles();
  const transition = useTransitionProject(project.id);
  const [confirming, setConfirming] = useState<LifecycleAction | null>(null);
  const me = useCurrentUser();
  const roles = me.projects.find((membership) => membership.id === project.id)?.roles ?? [];
  const actions = lifecycleActions(project.status, { isPlatformAdmin: me.isPlatformAdmin, roles });
  if (actions.length === 0 && !transition.isError) return null;

  const run = (action: LifecycleAction) => {
    setConfirming(null);
    transition.mutate(action.to);
  };

  return (
    <div className={styles.root}>
      {transition.isError && <ErrorState error={transition.error} />}
      <div className={styles.buttons}>
        {actions.map((action) => (
          <Button key={action.to} disabled={transition.isPending} onClick={() => (action.confirm ? setConfirming(action) : run(action))}>
            {action.label}
          </Button>
        ))}
      </div>
      <Dialog open={confirming !== null} onOpenChange={(_, data) => !data.open && setConfirming(null)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>{confirming?.label} {project.name}?</DialogTitle>
            <DialogContent>{confirming?.confirm}</DialogContent>
            <DialogActions>
              <Button appearance="secondary" onClick={() => setConfirming(null)}>
                Cancel
              </Button>
              <Button appearance="primary" onClick={() => confirming && run(confirming)}>
                {confirming?.label}
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </div>
  );
}
