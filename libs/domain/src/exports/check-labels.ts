// The scanner's and the checks' codes (UK_NHS, file_type) as words for the people reading a request: the portal's
// labels and the check messages the worker writes use the same words.

const checkLabels: Readonly<Record<string, string>> = {
  integrity: 'Integrity',
  file_type: 'File type',
  size: 'Size',
  rows: 'Rows',
  archive: 'Archive contents',
  pii: 'Personal identifiers',
  disclosure: 'Disclosure control',
  notebook: 'Notebook outputs',
};

// Entity names follow Presidio's (libs/pii-scan/src/types.ts); unknown ones fall back to their words in lower case.
const entityLabels: Readonly<Record<string, string>> = {
  PERSON: 'Name',
  EMAIL_ADDRESS: 'Email address',
  PHONE_NUMBER: 'Phone number',
  CREDIT_CARD: 'Credit card number',
  IBAN_CODE: 'IBAN',
  US_SSN: 'US social security number',
  US_ITIN: 'US taxpayer number (ITIN)',
  US_PASSPORT: 'US passport number',
  US_DRIVER_LICENSE: 'US driver licence number',
  US_BANK_NUMBER: 'US bank account number',
  UK_NHS: 'NHS number',
  UK_NINO: 'National Insurance number',
  IP_ADDRESS: 'IP address',
  MAC_ADDRESS: 'MAC address',
  URL: 'URL',
  DATE_TIME: 'Date or time',
  LOCATION: 'Location',
  STREET_ADDRESS: 'Street address',
  UK_POSTCODE: 'Postcode',
  ZIP_CODE: 'ZIP code',
  AGE: 'Age',
  DATE_OF_BIRTH: 'Date of birth',
  MEDICAL_RECORD_NUMBER: 'Medical record number',
  KNOWN_IDENTIFIER: 'Known identifier',
};

function words(code: string): string {
  const text = code.replace(/_/g, ' ').toLowerCase();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** An automated check's name (`file_type`) as a label ("File type"). */
export function checkLabel(name: string): string {
  return checkLabels[name] ?? words(name);
}

/** A kind of personal identifier the scanner reports (`UK_NHS`) as a label ("NHS number"). */
export function entityLabel(entity: string): string {
  return entityLabels[entity] ?? words(entity);
}
