import { ApiError } from '../../api/ApiError';

/** Errors for one form: messages keyed by form field, plus whatever could not be placed on a field. */
export interface FormErrors {
  fieldErrors: Readonly<Record<string, string>>;
  /** Shown above the form as a MessageBar; null when every problem sits on a field. */
  formError: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Turns the API's field path into the form's key: `body.adminEmails[0]` → `adminEmails.0`,
 * `query.from` → `from`, `checkersRequired` → `checkersRequired`.
 */
export function formKeyOfApiField(field: string): string {
  return field
    .replace(/^(body|query|params)(\.|$)/, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/^\./, '');
}

/** The most specific known field the key falls under (`adminEmails.0.x` → `adminEmails.0` → `adminEmails`). */
function placeOnField(key: string, knownFields: readonly string[]): string | null {
  const parts = key.split('.');
  for (let length = parts.length; length > 0; length -= 1) {
    const candidate = parts.slice(0, length).join('.');
    if (knownFields.includes(candidate)) return candidate;
    // `list.*` accepts any row: `adminEmails.3` lands on row 3.
    const index = parts[length - 1];
    const list = parts.slice(0, length - 1).join('.');
    if (index !== undefined && /^\d+$/.test(index) && knownFields.includes(`${list}.*`)) return candidate;
  }
  return null;
}

/** Domain errors prefix their message with the field (`name: a project called "x" already exists`); next to the field that prefix is noise. */
function withoutFieldPrefix(message: string, field: string): string {
  const prefix = `${field}: `;
  return message.startsWith(prefix) ? message.slice(prefix.length) : message;
}

/**
 * Splits an API error over a form's fields. Validation errors name each field in
 * `details.fields[].field`; domain errors (CHECKERS_OUT_OF_RANGE, PROJECT_NAME_TAKEN, MEMBER_EXISTS)
 * name one in `details.field`. Anything that fits no field stays as the form-level error.
 * `knownFields` may hold `list.*` to accept every index of a list field.
 */
export function apiFieldErrors(error: unknown, knownFields: readonly string[]): FormErrors {
  if (!(error instanceof ApiError) || error.details === null) return { fieldErrors: {}, formError: error };
  const fieldErrors: Record<string, string> = {};
  let unplaced = false;

  const listed = error.details['fields'];
  if (Array.isArray(listed)) {
    for (const entry of listed) {
      if (!isRecord(entry) || typeof entry['field'] !== 'string' || typeof entry['message'] !== 'string') {
        unplaced = true;
        continue;
      }
      const key = placeOnField(formKeyOfApiField(entry['field']), knownFields);
      if (key === null) unplaced = true;
      else fieldErrors[key] = fieldErrors[key] ? `${fieldErrors[key]}; ${entry['message']}` : entry['message'];
    }
  } else if (typeof error.details['field'] === 'string') {
    const key = placeOnField(formKeyOfApiField(error.details['field']), knownFields);
    if (key === null) unplaced = true;
    else fieldErrors[key] = withoutFieldPrefix(error.message, error.details['field']);
  } else {
    unplaced = true;
  }

  return { fieldErrors, formError: unplaced || Object.keys(fieldErrors).length === 0 ? error : null };
}
