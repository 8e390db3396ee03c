import { useCallback, useState } from 'react';
import { apiFieldErrors, type FormErrors } from './apiFieldErrors';

const noErrors: FormErrors = { fieldErrors: {}, formError: null };

/**
 * Values, inline validation and API errors for one form. A field's own rule shows once it was
 * left (blur) or a submit was tried; an API error on a field shows until that field is edited.
 */
export function useFormState<V extends object>(options: {
  initial: V;
  validate: (values: V) => Readonly<Record<string, string>>;
  /** Form keys an API error may name; `list.*` accepts every index of a list. */
  fields: readonly string[];
}) {
  const { validate, fields } = options;
  const [values, setValues] = useState<V>(options.initial);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FormErrors>(noErrors);
  const [submitting, setSubmitting] = useState(false);

  const clientErrors = validate(values);

  const forgetServerError = useCallback((key: string) => {
    setServerErrors((previous) => {
      const fieldErrors = Object.fromEntries(Object.entries(previous.fieldErrors).filter(([field]) => field !== key && !field.startsWith(`${key}.`)));
      return { fieldErrors, formError: previous.formError };
    });
  }, []);

  const set = useCallback(
    <K extends keyof V & string>(key: K, value: V[K]) => {
      setValues((previous) => ({ ...previous, [key]: value }));
      forgetServerError(key);
    },
    [forgetServerError],
  );

  const update = useCallback(
    (changes: Partial<V>) => {
      setValues((previous) => ({ ...previous, ...changes }));
      for (const key of Object.keys(changes)) forgetServerError(key);
    },
    [forgetServerError],
  );

  const touch = useCallback((key: string) => setTouched((previous) => new Set(previous).add(key)), []);

  /** The message to show under a field, or undefined. */
  const errorFor = (key: string): string | undefined => serverErrors.fieldErrors[key] ?? (submitted || touched.has(key) ? clientErrors[key] : undefined);

  /** Runs `send` only when the form is valid; an API failure is spread over the fields. Resolves true on success. */
  const submit = async (send: (values: V) => Promise<unknown>): Promise<boolean> => {
    setSubmitted(true);
    if (Object.keys(clientErrors).length > 0) return false;
    setSubmitting(true);
    setServerErrors(noErrors);
    try {
      await send(values);
      return true;
    } catch (error: unknown) {
      setServerErrors(apiFieldErrors(error, fields));
      return false;
    } finally {
      setSubmitting(false);
    }
  };

  const reset = (next: V) => {
    setValues(next);
    setTouched(new Set());
    setSubmitted(false);
    setServerErrors(noErrors);
  };

  return { values, set, update, touch, errorFor, submit, reset, submitting, formError: serverErrors.formError };
}
