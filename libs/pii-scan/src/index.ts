/** @cloister/pii-scan: identifier scanners, de-identification and disclosure-control checks. */
export * from './types';
export { scanText, scanFile, scanCsvText, scanTable, scanPaths, expandPaths, detectFormat, type FileFormat } from './scan-file';
export { scanCore, SCANNER_PATTERNS, type Candidate, type CoreOptions } from './text/scanner';
export { buildKnownIdentifierSet, loadKnownIdentifierFile, serialiseKnownIdentifierSet, hmacIdentifier, normaliseIdentifier, knownMatch } from './known';
export * from './validators/checksums';
export * from './validators/formats';
export { cellKinds, headerPrior } from './formats/table';
export { JsonChecker } from './formats/json-check';
export { CsvReader, parseCsv, type CsvRecord, type CsvSpanSink } from './formats/csv';
export {
  runSdcChecks,
  loadEvidence,
  evidenceFromContributions,
  opensafelyRound,
  midpoint6,
  isMidpoint6Column,
  isDivisibleBy5Column,
  SDC_DEFAULTS,
  type SdcOptions,
  type SdcEvidence,
  type SdcEvidenceCell,
  type SdcCheck,
  type SdcStatus,
  type SdcTableResult,
} from './sdc/sdc';
export {
  redact,
  mask,
  tag,
  keyedHash,
  subjectShiftDays,
  shiftDate,
  generaliseDate,
  generalisePostcode,
  generaliseZip,
  generaliseAge,
  transformValue,
  applySpans,
  DEFAULT_POLICY,
  OPERATORS,
  type Operator,
  type DeidOptions,
  type Change,
} from './deid/transforms';
export { deidentifyText, deidentifyFile, type DeidReport, type DeidReportItem, type DeidentifyOptions, type RetypedColumn } from './deid/deidentify';
export { deidentifyFileWithReport, deidentifyFileSpooled, ReportDirectoryError, type SpooledDeidReport } from './deid/report-file';
export { main as cliMain } from './cli/main';
