/** Entity names follow Microsoft Presidio's where Presidio has one. */
export const ENTITIES = [
  'PERSON',
  'EMAIL_ADDRESS',
  'PHONE_NUMBER',
  'CREDIT_CARD',
  'IBAN_CODE',
  'US_SSN',
  'US_ITIN',
  'US_PASSPORT',
  'US_DRIVER_LICENSE',
  'US_BANK_NUMBER',
  'UK_NHS',
  'UK_NINO',
  'IP_ADDRESS',
  'MAC_ADDRESS',
  'URL',
  'DATE_TIME',
  'LOCATION',
  'STREET_ADDRESS',
  'UK_POSTCODE',
  'ZIP_CODE',
  'AGE',
  'DATE_OF_BIRTH',
  'MEDICAL_RECORD_NUMBER',
  'KNOWN_IDENTIFIER',
] as const;

export type Entity = (typeof ENTITIES)[number];

export function isEntity(s: string): s is Entity {
  return (ENTITIES as readonly string[]).includes(s);
}

/** One finding, as the CLI prints it. Offsets are UTF-16 code units, end exclusive. */
export interface Finding {
  entity: Entity;
  /** Confidence in [0, 1]. */
  score: number;
  start: number;
  end: number;
  /** 1-based line of `start` (text-like files) or of the record's first line (tables). */
  line: number | null;
  /** 1-based column of `start` in UTF-16 code units (text-like files); null for tables. */
  column: number | null;
  /** 1-based data row (tables). */
  row: number | null;
  /** Column name (tables). */
  field: string | null;
  /** Rule, validator result and context words, e.g. "rule=nhs-3-3-4; validator=mod11:pass,range:england-wales; context=+nhs number". */
  evidence: string;
}

/** Evidence in structured form, kept alongside the evidence string for programmatic callers. */
export interface FindingDetail {
  rule: string;
  validator: string | null;
  context: string[];
}

export interface DetailedFinding extends Finding {
  detail: FindingDetail;
}

/** A column verdict for tabular files. */
export interface ColumnVerdict {
  /** 1-based column index. */
  index: number;
  name: string;
  /** The entity the column holds, or null. */
  entity: Entity | null;
  /** Why: header prior and/or validator share, e.g. "nhs_no: 99.8% valid NHS numbers". */
  reason: string;
  /** Share of sampled non-empty values that pass the entity's validator. */
  validShare: number;
  /** Distinct sampled values / non-empty sampled values. */
  uniqueness: number;
  sampled: number;
  /** How cells were scanned after sampling. */
  mode: 'entity' | 'text' | 'numeric' | 'skip';
  /** Cell findings in this column (before any per-column cap). */
  findings: number;
  /** Quasi-identifier role (date of birth, postcode, sex, ...), if any. */
  quasiIdentifier: string | null;
}

export interface FileWarning {
  kind: 'quasi-identifiers' | 'embedded-image' | 'truncated-findings' | 'malformed' | 'other';
  message: string;
  columns?: string[];
}

export interface FileResult {
  path: string;
  findings: Finding[];
  error: string | null;
  /** Detected format: text, markdown, json, jsonl, notebook, csv, tsv, parquet, xlsx, unsupported. */
  format: string;
  columns?: ColumnVerdict[];
  warnings?: FileWarning[];
  bytes: number;
  /** Number of findings reported (equals findings.length unless onFinding was used). */
  findingCount?: number;
}

export interface KnownIdentifierSet {
  /** HMAC-SHA-256 key (the project key). */
  key: Buffer | string;
  /** Lower-case hex HMACs of the normalised identifiers (see normaliseIdentifier). */
  hashes: ReadonlySet<string>;
  /** Normalised lengths present in the list (a cheap prefilter; reveals only lengths). */
  lengths: ReadonlySet<number>;
}

export interface ScanOptions {
  /** Drop findings scoring below this. Default 0.4. */
  minScore?: number;
  /** Only report these entities (default: all). */
  entities?: readonly Entity[] | null;
  /** Project-supplied identifiers held as keyed hashes. */
  known?: KnownIdentifierSet | null;
  /** Tabular files: rows sampled for column verdicts (default 2000). */
  sampleRows?: number;
  /** Tabular files: most cell findings reported per column (default 1000; 0 = unlimited). */
  maxFindingsPerColumn?: number;
  /** Override the format detection ("text", "json", "csv", ...). */
  format?: string;
  /** Streaming chunk size in bytes (default 1 MiB); tests use tiny chunks. */
  chunkSize?: number;
  /**
   * Receive findings one at a time instead of collecting them: the result's `findings` stays empty and memory
   * stays constant however many findings a file has (the CLI streams its JSON this way).
   */
  onFinding?: (finding: Finding) => void;
}

export const DEFAULT_MIN_SCORE = 0.4;
