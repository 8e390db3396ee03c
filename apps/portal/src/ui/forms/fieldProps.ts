import type { FieldProps } from '@fluentui/react-components';

/** Props for a Fluent Field showing a message: in error red, with the message wired to the control's aria. */
export function fieldValidation(message: string | undefined): Pick<FieldProps, 'validationMessage' | 'validationState'> {
  return message === undefined ? {} : { validationMessage: message, validationState: 'error' };
}
