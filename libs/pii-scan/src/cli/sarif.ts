/** SARIF 2.1.0 output for the scanner. */
import { pathToFileURL } from 'node:url';
import { isAbsolute, relative } from 'node:path';
import type { FileResult } from '../types';
import { ENTITIES } from '../types';

export const TOOL_VERSION = '0.1.0';

const DESCRIPTIONS: Record<string, string> = {
  PERSON: "A person's name",
  EMAIL_ADDRESS: 'An e-mail address',
  PHONE_NUMBER: 'A telephone or fax number',
  CREDIT_CARD: 'A payment card number (Luhn and issuer prefix checked)',
  IBAN_CODE: 'An IBAN (mod-97 checked)',
  US_SSN: 'A US Social Security number',
  US_ITIN: 'A US Individual Taxpayer Identification Number',
  US_PASSPORT: 'A US passport number',
  US_DRIVER_LICENSE: "A US driver's licence number",
  US_BANK_NUMBER: 'A US bank account number',
  UK_NHS: 'An NHS number (mod-11 and issued ranges checked)',
  UK_NINO: 'A UK National Insurance number',
  IP_ADDRESS: 'An IPv4 or IPv6 address',
  MAC_ADDRESS: 'A MAC address',
  URL: 'A URL',
  DATE_TIME: 'A full date (an element of a date other than the year)',
  LOCATION: 'A place smaller than a state or country',
  STREET_ADDRESS: 'A street address',
  UK_POSTCODE: 'A UK postcode',
  ZIP_CODE: 'A US ZIP code',
  AGE: 'An age over 89',
  DATE_OF_BIRTH: 'A date of birth',
  MEDICAL_RECORD_NUMBER: 'A medical record or hospital number',
  KNOWN_IDENTIFIER: "One of the project's own identifiers",
};

export function toSarif(files: FileResult[], cwd = process.cwd()): object {
  const uri = (p: string) => {
    const r = isAbsolute(p) ? relative(cwd, p) : p;
    // a relative URI reference: each path segment percent-encoded (a space or '#' is not valid in a URI)
    return r.startsWith('..') ? pathToFileURL(p).href : r.split('\\').join('/').split('/').map(encodeURIComponent).join('/');
  };
  const results: object[] = [];
  const notifications: object[] = [];
  for (const f of files) {
    if (f.error) {
      notifications.push({ level: 'error', message: { text: `${f.path}: ${f.error}` }, locations: [{ physicalLocation: { artifactLocation: { uri: uri(f.path) } } }] });
    }
    for (const x of f.findings) {
      const region: Record<string, number> = {};
      if (x.line !== null) region.startLine = x.line;
      if (x.column !== null) {
        region.startColumn = x.column;
        region.endColumn = x.column + (x.end - x.start);
        region.charOffset = x.start;
        region.charLength = x.end - x.start;
      }
      const where = x.row !== null ? ` (row ${x.row}, column "${x.field}")` : '';
      results.push({
        ruleId: x.entity,
        level: x.score >= 0.8 ? 'error' : x.score >= 0.5 ? 'warning' : 'note',
        message: { text: `${x.entity} (score ${x.score})${where}: ${x.evidence}` },
        locations: [{ physicalLocation: { artifactLocation: { uri: uri(f.path) }, ...(Object.keys(region).length ? { region } : {}) } }],
        properties: { score: x.score, start: x.start, end: x.end, row: x.row, field: x.field },
      });
    }
  }
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'cloister-scan',
            version: TOOL_VERSION,
            informationUri: 'https://github.com/cloister/cloister/tree/main/docs/pii-scan',
            rules: ENTITIES.map((e) => ({ id: e, name: e, shortDescription: { text: DESCRIPTIONS[e] ?? e } })),
          },
        },
        columnKind: 'utf16CodeUnits',
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        artifacts: files.map((f) => ({ location: { uri: uri(f.path) }, length: f.bytes })),
        results,
      },
    ],
  };
}
