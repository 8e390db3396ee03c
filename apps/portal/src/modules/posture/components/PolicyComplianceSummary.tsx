import { Badge, makeStyles, Text, tokens } from '@fluentui/react-components';
import { formatTime } from '../../../ui/formatTime';
import type { Posture } from '../api/postureRequests';

export type PolicyCompliance = Posture['platform']['policyCompliance'];

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  badges: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS, alignItems: 'center' },
  policies: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

/**
 * One scope's policy compliance as the worker's posture sweep last stored it: resource counts, the failing policies
 * with the regulatory controls they support, when it was evaluated, and a "simulated" badge in local mode.
 */
export function PolicyComplianceSummary({ compliance }: { compliance: PolicyCompliance }) {
  const styles = useStyles();
  const s = compliance.summary;
  if (!s || !compliance.evaluatedAt) return <Text size={200}>{compliance.note}</Text>;
  return (
    <div className={styles.root}>
      <div className={styles.badges}>
        <Badge color="success" appearance="tint">{s.compliantResources} compliant</Badge>
        <Badge color={s.nonCompliantResources > 0 ? 'danger' : 'informative'} appearance="tint">{s.nonCompliantResources} non-compliant</Badge>
        {s.simulated && <Badge appearance="outline">simulated</Badge>}
        <Text size={200}>evaluated <time dateTime={compliance.evaluatedAt}>{formatTime(compliance.evaluatedAt)}</time></Text>
      </div>
      {s.nonCompliantPolicies.length > 0 && (
        <ul className={styles.policies} aria-label="Failing policies">
          {s.nonCompliantPolicies.map((p) => (
            <li key={p.policyDefinitionId}>
              <Text size={200}>
                <strong>{p.name}</strong> ({p.effect ?? 'effect unknown'}): {p.nonCompliantResources} {p.nonCompliantResources === 1 ? 'resource' : 'resources'}
                {p.controls.length > 0 && <> — {p.controls.join(', ')}</>}
              </Text>
            </li>
          ))}
        </ul>
      )}
      <Text size={200}>{compliance.note}</Text>
    </div>
  );
}
