import { checkersRequiredProblem, isTier, MAX_ADMINS_AT_PROJECT_CREATION, TEXT_LIMITS, tooLongMessage } from '@cloister/domain';
import { compactErrors, emailProblem } from '../../../ui/forms/validators';

/** Form state as typed: numbers stay strings until submit so a half-typed value is not lost. */
export interface ProjectSettingsValues {
  name: string;
  description: string;
  tier: string;
  checkersRequired: string;
}

export interface CreateProjectValues extends ProjectSettingsValues {
  adminEmails: string[];
}

export const SETTINGS_FIELDS = ['name', 'description', 'tier', 'checkersRequired'] as const;
export const CREATE_FIELDS = [...SETTINGS_FIELDS, 'adminEmails', 'adminEmails.*'] as const;

function nameProblem(value: string): string | null {
  const name = value.trim();
  if (name === '') return 'must not be empty';
  if (name.length > TEXT_LIMITS.project.name) return tooLongMessage(TEXT_LIMITS.project.name);
  return null;
}

function descriptionProblem(value: string): string | null {
  return value.trim().length > TEXT_LIMITS.project.description ? tooLongMessage(TEXT_LIMITS.project.description) : null;
}

function tierProblem(value: string): string | null {
  return value.trim() !== '' && isTier(Number(value)) ? null : 'must be between 0 and 4';
}

function checkersFieldProblem(tierValue: string, value: string): string | null {
  if (value.trim() === '') return 'must be a number';
  const checkers = Number(value);
  if (!Number.isInteger(checkers)) return 'must be a whole number';
  const tier = Number(tierValue);
  return isTier(tier) ? checkersRequiredProblem(tier, checkers) : null;
}

export function validateProjectSettings(values: ProjectSettingsValues): Record<string, string> {
  return compactErrors({
    name: nameProblem(values.name),
    description: descriptionProblem(values.description),
    tier: tierProblem(values.tier),
    checkersRequired: checkersFieldProblem(values.tier, values.checkersRequired),
  });
}

export function validateCreateProject(values: CreateProjectValues): Record<string, string> {
  const errors: Record<string, string | null> = { ...validateProjectSettings(values) };
  const emails = values.adminEmails.map((email) => email.trim());
  if (emails.length === 0) errors['adminEmails'] = 'must name at least one project admin';
  else if (emails.length > MAX_ADMINS_AT_PROJECT_CREATION) errors['adminEmails'] = `must name at most ${MAX_ADMINS_AT_PROJECT_CREATION} project admins`;
  // Every row is sent as it stands, so the API's `adminEmails[i]` errors land on row i.
  emails.forEach((email, index) => {
    errors[`adminEmails.${index}`] = emailProblem(email);
  });
  return compactErrors(errors);
}

/** The request body for POST /projects; call only once validateCreateProject found nothing. */
export function toCreateProjectBody(values: CreateProjectValues) {
  return {
    name: values.name.trim(),
    description: values.description.trim(),
    tier: Number(values.tier),
    checkersRequired: Number(values.checkersRequired),
    adminEmails: values.adminEmails.map((email) => email.trim()),
  };
}
