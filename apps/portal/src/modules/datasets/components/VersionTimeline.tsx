import { Caption1, Spinner, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { DatasetTimeline, DatasetVersion } from '../api/Dataset';
import { isInTransfer } from '../api/Dataset';
import { formatTime } from '../../../ui/formatTime';

const useStyles = makeStyles({
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  step: { display: 'grid', gridTemplateColumns: '20px 180px 1fr', alignItems: 'center', columnGap: tokens.spacingHorizontalS },
  dot: { width: '10px', height: '10px', borderRadius: '50%', border: `2px solid ${tokens.colorNeutralStroke1}`, justifySelf: 'center' },
  done: { backgroundColor: tokens.colorPaletteGreenBackground3, border: `2px solid ${tokens.colorPaletteGreenBorder2}` },
  bad: { backgroundColor: tokens.colorPaletteRedBackground3, border: `2px solid ${tokens.colorPaletteRedBorder2}` },
  pending: { color: tokens.colorNeutralForeground3 },
});

interface Step {
  key: keyof DatasetTimeline | 'created';
  label: string;
}

const happyPath: readonly Step[] = [
  { key: 'created', label: 'Created' },
  { key: 'uploadStarted', label: 'Upload started' },
  { key: 'submitted', label: 'Submitted' },
  { key: 'transferStarted', label: 'Transfer started' },
  { key: 'verificationStarted', label: 'Verification started' },
  { key: 'sealed', label: 'Sealed' },
  { key: 'available', label: 'Available' },
];

/** Every step of one version with its time; steps not reached yet are grey, the one under way spins. */
export function VersionTimeline({ version }: { version: DatasetVersion }) {
  const styles = useStyles();
  const timeOf = (key: Step['key']) => (key === 'created' ? version.createdAt : version.timeline[key]);
  const steps: Step[] = [...happyPath];
  if (version.timeline.failed !== null) steps.push({ key: 'failed', label: 'Failed' });
  if (version.timeline.rejected !== null) steps.push({ key: 'rejected', label: 'Rejected' });
  const working = isInTransfer(version.status);
  const firstPending = happyPath.findIndex((step) => timeOf(step.key) === null);

  return (
    <ol className={styles.list} aria-label={`Version ${version.version} timeline`}>
      {steps.map((step, index) => {
        const at = timeOf(step.key);
        const failedStep = step.key === 'failed' || step.key === 'rejected';
        return (
          <li key={step.key} className={styles.step} data-testid={`step-${step.key}`}>
            {working && index === firstPending ? (
              <Spinner size="extra-tiny" aria-label="In progress" />
            ) : (
              <span className={mergeClasses(styles.dot, at !== null && (failedStep ? styles.bad : styles.done))} aria-hidden />
            )}
            <Text weight={at !== null ? 'semibold' : 'regular'} className={at === null ? styles.pending : undefined}>
              {step.label}
            </Text>
            <Caption1 className={at === null ? styles.pending : undefined}>{at === null ? (working && index === firstPending ? 'in progress' : '—') : formatTime(at)}</Caption1>
          </li>
        );
      })}
    </ol>
  );
}
