import { compactErrors, emailProblem } from '../../../ui/forms/validators';
import { checkersProblem, isTier } from '../tierRules';

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
  if (name.length > 120) return 'must be at most 120 characters';
  return null;
}

function descriptionProblem(value: string): string | null {
  return value.trim().length > 2000 ? 'must be at most 2000 characters' : null;
}

function tierProblem(value: string): string | null {
  return value.trim() !== '' && isTier(Number(value)) ? null : 'must be between 0 and 4';
}

function checkersFieldProblem(tierValue: string, value: string): string | null {
  if (value.trim() === '') return 'must be a number';
  const checkers = Number(value);
  if (!Number.isInteger(checkers)) return 'must be a whole number';
  const tier = Number(tierValue);
  return isTier(tier) ? checkersProblem(tier, checkers) : null;
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
  else if (emails.length > 20) errors['adminEmails'] = 'must name at most 20 project admins';
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
