import { checkersAfterTierChange, isTier, TEXT_LIMITS, TIER_POLICIES, TIERS } from '@cloister/domain';
import { Field, Input, Select, Textarea } from '@fluentui/react-components';
import { fieldValidation } from '../../../ui/forms/fieldProps';
import { TIER_LABELS } from '../tierLabels';
import type { ProjectSettingsValues } from '../validation/projectForms';

interface ProjectFormFieldsProps {
  values: ProjectSettingsValues;
  update: (changes: Partial<ProjectSettingsValues>) => void;
  touch: (key: string) => void;
  errorFor: (key: string) => string | undefined;
}

/** Name, description, tier and checkers: shared by "Create project" and "Project settings". */
export function ProjectFormFields({ values, update, touch, errorFor }: ProjectFormFieldsProps) {
  const tier = Number(values.tier);
  const bounds = isTier(tier) ? TIER_POLICIES[tier].checkersRequired : null;
  const onTierChange = (next: string) => {
    const nextTier = Number(next);
    const checkers = Number(values.checkersRequired);
    update(isTier(nextTier) ? { tier: next, checkersRequired: String(checkersAfterTierChange(nextTier, checkers)) } : { tier: next });
  };
  return (
    <>
      <Field label="Name" required {...fieldValidation(errorFor('name'))}>
        <Input value={values.name} maxLength={TEXT_LIMITS.project.name} onChange={(_, data) => update({ name: data.value })} onBlur={() => touch('name')} />
      </Field>
      <Field label="Description" {...fieldValidation(errorFor('description'))}>
        <Textarea value={values.description} resize="vertical" onChange={(_, data) => update({ description: data.value })} onBlur={() => touch('description')} />
      </Field>
      <Field label="Tier" required {...fieldValidation(errorFor('tier'))}>
        <Select value={values.tier} onChange={(_, data) => onTierChange(data.value)} onBlur={() => touch('tier')}>
          {TIERS.map((option) => (
            <option key={option} value={String(option)}>
              {TIER_LABELS[option]}
            </option>
          ))}
        </Select>
      </Field>
      <Field
        label="Output checkers required"
        required
        hint={bounds ? `Tier ${tier} allows ${bounds.min}–${bounds.max} checkers (default ${bounds.default}).` : undefined}
        {...fieldValidation(errorFor('checkersRequired'))}
      >
        <Input
          type="number"
          inputMode="numeric"
          value={values.checkersRequired}
          min={bounds?.min}
          max={bounds?.max}
          onChange={(_, data) => update({ checkersRequired: data.value })}
          onBlur={() => touch('checkersRequired')}
        />
      </Field>
    </>
  );
}
