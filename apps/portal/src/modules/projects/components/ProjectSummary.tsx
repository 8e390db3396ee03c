import { Body1, Text, makeStyles, tokens } from '@fluentui/react-components';
import { formatTime } from '../../../ui/formatTime';
import type { Project } from '../api/Project';
import { isTier } from '@cloister/domain';
import { TIER_LABELS } from '../tierLabels';
import { ProjectStatusBadge } from './ProjectStatusBadge';

const useStyles = makeStyles({
  facts: { display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: tokens.spacingHorizontalXL, rowGap: tokens.spacingVerticalS, margin: 0 },
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0 },
});

export function ProjectSummary({ project }: { project: Project }) {
  const styles = useStyles();
  return (
    <dl className={styles.facts} aria-label="Project facts">
      <dt className={styles.term}>Status</dt>
      <dd className={styles.value} data-testid="project-status">
        <ProjectStatusBadge status={project.status} />
      </dd>
      <dt className={styles.term}>Tier</dt>
      <dd className={styles.value} data-testid="project-tier">
        <Text>{isTier(project.tier) ? TIER_LABELS[project.tier] : `Tier ${project.tier}`}</Text>
      </dd>
      <dt className={styles.term}>Output checkers required</dt>
      <dd className={styles.value}>{project.checkersRequired}</dd>
      <dt className={styles.term}>Created</dt>
      <dd className={styles.value}>{formatTime(project.createdAt)}</dd>
      <dt className={styles.term}>Description</dt>
      <dd className={styles.value}>
        <Body1>{project.description || '—'}</Body1>
      </dd>
    </dl>
  );
}
