import { extensionOf } from '@cloister/domain';

const BY_EXTENSION: Readonly<Record<string, string>> = {
  csv: 'text/csv', tsv: 'text/tab-separated-values', txt: 'text/plain', log: 'text/plain', md: 'text/markdown', json: 'application/json',
  ipynb: 'application/x-ipynb+json', html: 'text/html', htm: 'text/html', xml: 'application/xml', yaml: 'application/yaml', yml: 'application/yaml',
  py: 'text/x-python', r: 'text/x-r', sql: 'application/sql', do: 'text/plain', sas: 'text/plain', sps: 'text/plain',
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', svg: 'image/svg+xml', webp: 'image/webp', pdf: 'application/pdf',
  parquet: 'application/vnd.apache.parquet', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', xls: 'application/vnd.ms-excel',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', rds: 'application/octet-stream', dta: 'application/x-stata-dta',
  zip: 'application/zip', gz: 'application/gzip', tar: 'application/x-tar',
};

/**
 * The content type a staged output is stored (and later previewed) with. Decided here from the file extension, not
 * taken from the request, so what the workspace sends cannot choose how a checker's browser treats the bytes.
 */
export const outputContentType = (path: string): string => BY_EXTENSION[extensionOf(path)] ?? 'application/octet-stream';
