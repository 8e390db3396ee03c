/**
 * cloister-scan: the command-line contract.
 *
 *   cloister-scan [--format json|sarif|text] [--min-score N] [--entities A,B] [--fail-on N] PATH...
 *   cloister-scan sdc [--format json|text] [--threshold N] [--zeros-disclosive true|false] [--round-to N] [--evidence FILE] TABLE.csv...
 *   cloister-scan deidentify [options] IN OUT
 *
 * Exit codes: 0 no finding at or above --fail-on (default: never fail on findings); 1 one does; 2 bad usage.
 * deidentify: 0 the copy was written (the report's `written`); 1 it was not; 2 bad usage.
 */
import { promises as fsp } from 'node:fs';
import { ENTITIES, isEntity, DEFAULT_MIN_SCORE, type Entity, type FileResult, type Finding, type ScanOptions } from '../types';
import { expandPaths, scanFile } from '../scan-file';
import { toSarif, TOOL_VERSION } from './sarif';
import { loadKnownIdentifierFile, buildKnownIdentifierSet, serialiseKnownIdentifierSet } from '../known';
import { loadEvidence, runSdcChecks, SDC_DEFAULTS, type SdcOptions, type SdcTableResult } from '../sdc/sdc';
import { deidentifyFileSpooled, ReportDirectoryError, type SpooledDeidReport } from '../deid/report-file';
import { OPERATORS, type Operator } from '../deid/transforms';

export class UsageError extends Error {}

interface Io {
  /** May return a promise that settles once the text is flushed (back-pressure). */
  out: (s: string) => void | Promise<void>;
  err: (s: string) => void;
  env: NodeJS.ProcessEnv;
}

const USAGE = `Usage:
  cloister-scan [--format json|sarif|text] [--min-score N] [--entities A,B] [--fail-on N]
                [--known FILE --key-env VAR] [--max-cell-findings N] PATH...
  cloister-scan sdc [--format json|text] [--threshold N] [--zeros-disclosive true|false]
                [--round-to N] [--redact-at N] [--p N] [--nk-n N] [--nk-k N] [--dof-threshold N]
                [--fail-on fail|review|never] [--evidence FILE] TABLE.csv...
  cloister-scan deidentify [--operator OP] [--policy FILE] [--key-env VAR] [--subject ID]
                [--subject-column NAME] [--report FILE] [--min-score N] [--entities A,B] IN OUT
  cloister-scan hash-ids --key-env VAR [IDS.txt]   (one identifier per line; prints a known-identifier file)

Exit codes: 0 = nothing at or above --fail-on; 1 = something is; 2 = bad usage.
Entities: ${ENTITIES.join(', ')}
Operators: ${OPERATORS.join(', ')}`;

interface Parsed {
  flags: Map<string, string>;
  positionals: string[];
}

function parseArgs(argv: string[], valued: ReadonlySet<string>, boolean: ReadonlySet<string> = new Set()): Parsed {
  const flags = new Map<string, string>();
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq === -1 ? a.slice(2) : a.slice(2, eq);
      if (boolean.has(name)) {
        flags.set(name, eq === -1 ? 'true' : a.slice(eq + 1));
        continue;
      }
      if (!valued.has(name)) throw new UsageError(`unknown option --${name}`);
      let value: string | undefined;
      if (eq !== -1) value = a.slice(eq + 1);
      else {
        value = argv[++i];
        if (value === undefined) throw new UsageError(`--${name} needs a value`);
      }
      flags.set(name, value);
    } else if (a.startsWith('-') && a.length > 1) {
      if (a === '-h') {
        flags.set('help', 'true');
        continue;
      }
      throw new UsageError(`unknown option ${a}`);
    } else positionals.push(a);
  }
  return { flags, positionals };
}

function num(flags: Map<string, string>, name: string, min = -Infinity, max = Infinity): number | undefined {
  const v = flags.get(name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n < min || n > max) throw new UsageError(`--${name} must be a number${Number.isFinite(min) ? ` from ${min}` : ''}${Number.isFinite(max) ? ` to ${max}` : ''}, got "${v}"`);
  return n;
}

function entitiesFlag(flags: Map<string, string>): Entity[] | null {
  const v = flags.get('entities');
  if (v === undefined) return null;
  const list = v.split(',').map((s) => s.trim()).filter(Boolean);
  if (!list.length) throw new UsageError('--entities needs at least one entity');
  for (const e of list) if (!isEntity(e)) throw new UsageError(`unknown entity "${e}" (known: ${ENTITIES.join(', ')})`);
  return list as Entity[];
}

function keyFrom(flags: Map<string, string>, env: NodeJS.ProcessEnv, required: boolean): string | null {
  const name = flags.get('key-env') ?? 'CLOISTER_PII_KEY';
  const k = env[name];
  if (!k) {
    if (required) throw new UsageError(`the project key is read from the environment variable ${name}, which is not set`);
    return null;
  }
  return k;
}

export async function main(argv: string[], io: Io): Promise<number> {
  try {
    if (argv[0] === 'sdc') return await sdcCommand(argv.slice(1), io);
    if (argv[0] === 'deidentify') return await deidCommand(argv.slice(1), io);
    if (argv[0] === 'hash-ids') return await hashIdsCommand(argv.slice(1), io);
    return await scanCommand(argv, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`cloister-scan: ${e.message}\n\n${USAGE}\n`);
      return 2;
    }
    io.err(`cloister-scan: ${(e as Error).stack ?? String(e)}\n`);
    return 2;
  }
}

async function scanCommand(argv: string[], io: Io): Promise<number> {
  const { flags, positionals } = parseArgs(argv, new Set(['format', 'min-score', 'entities', 'fail-on', 'known', 'key-env', 'max-cell-findings', 'sample-rows']), new Set(['help', 'version']));
  if (flags.has('help')) {
    io.out(USAGE + '\n');
    return 0;
  }
  if (flags.has('version')) {
    io.out(TOOL_VERSION + '\n');
    return 0;
  }
  const format = flags.get('format') ?? 'text';
  if (!['json', 'sarif', 'text'].includes(format)) throw new UsageError(`--format must be json, sarif or text, got "${format}"`);
  const minScore = num(flags, 'min-score', 0, 1) ?? DEFAULT_MIN_SCORE;
  const failOn = num(flags, 'fail-on', 0, 1);
  const entities = entitiesFlag(flags);
  const maxCell = num(flags, 'max-cell-findings', 0);
  const sampleRows = num(flags, 'sample-rows', 1);
  if (positionals.length === 0) throw new UsageError('no PATH given');
  const options: ScanOptions = { minScore, entities, maxFindingsPerColumn: maxCell, sampleRows };
  if (flags.has('known')) {
    const key = keyFrom(flags, io.env, true)!;
    try {
      options.known = loadKnownIdentifierFile(flags.get('known')!, key);
    } catch (e) {
      throw new UsageError(`--known: ${(e as Error).message}`);
    }
  }
  // Findings stream straight to the output (JSON and text), so memory does not grow with their number.
  const counts: Record<string, number> = {};
  let total = 0;
  let maxScore = 0;
  let failed = false;
  let nFiles = 0;
  let withFindings = 0;
  let withErrors = 0;
  const sarifFiles: FileResult[] = [];
  // Per-file facts beyond the contract's {path, findings, error} (format, size, column verdicts, warnings):
  // they go in the summary, so every file object has exactly the contract's keys.
  const details: Record<string, unknown>[] = [];
  let pending: string[] = [];
  let pendingLen = 0;
  const flush = async () => {
    if (pending.length) {
      const s = pending.join('');
      pending = [];
      pendingLen = 0;
      await io.out(s);
    }
  };
  const emit = async (s: string) => {
    pending.push(s);
    pendingLen += s.length;
    if (pendingLen > 1 << 16) await flush();
  };
  if (format === 'json') await emit('{"files":[');
  const paths = await expandPaths(positionals);
  for (const p of paths) {
    let first = true;
    let n = 0;
    const queue: string[] = [];
    if (format === 'json') await emit((nFiles ? ',' : '') + '{"path":' + JSON.stringify(p) + ',"findings":[');
    const onFinding = (x: Finding) => {
      counts[x.entity] = (counts[x.entity] ?? 0) + 1;
      total++;
      n++;
      if (x.score > maxScore) maxScore = x.score;
      if (failOn !== undefined && x.score >= failOn) failed = true;
      if (format === 'json') {
        queue.push((first ? '' : ',') + JSON.stringify(x));
        first = false;
      } else if (format === 'text') {
        const where = x.row !== null ? `row ${x.row} [${x.field}] ${x.start}-${x.end}` : `${x.line}:${x.column}`;
        queue.push(`${p}:${where}: ${x.entity} ${x.score.toFixed(2)} (${x.evidence})\n`);
      }
    };
    const drainQueue = async () => {
      while (queue.length) await emit(queue.shift()!);
    };
    const f = await scanFile(p, format === 'sarif' ? options : { ...options, onFinding: (x) => onFinding(x) });
    nFiles++;
    if (format === 'sarif') {
      for (const x of f.findings) onFinding(x);
      sarifFiles.push(f);
    }
    if ((f.findingCount ?? f.findings.length) > 0) withFindings++;
    if (f.error !== null) withErrors++;
    await drainQueue();
    if (format === 'json') {
      await emit('],"error":' + JSON.stringify(f.error) + '}');
      const d: Record<string, unknown> = { path: p, format: f.format, bytes: f.bytes };
      if (f.columns) d.columns = f.columns;
      if (f.warnings) d.warnings = f.warnings;
      details.push(d);
    } else if (format === 'text') {
      const lines: string[] = [];
      if (f.error) lines.push(`${p}: error: ${f.error}`);
      for (const w of f.warnings ?? []) lines.push(`${p}: warning: ${w.message}`);
      for (const c of f.columns ?? []) if (c.entity) lines.push(`${p}: column ${c.index} "${c.name}": ${c.entity} — ${c.reason}`);
      if (lines.length) await emit(lines.join('\n') + '\n');
    }
    void n;
  }
  const summary = {
    files: nFiles,
    filesWithFindings: withFindings,
    filesWithErrors: withErrors,
    findings: total,
    byEntity: counts,
    maxScore,
    minScore,
    failOn: failOn ?? null,
    failed,
  };
  if (format === 'json') await emit('],"summary":' + JSON.stringify({ ...summary, details }) + '}\n');
  else if (format === 'sarif') await emit(JSON.stringify(toSarif(sarifFiles)) + '\n');
  else await emit(`${summary.files} file(s), ${summary.findings} finding(s), ${summary.filesWithErrors} error(s)` + (failOn !== undefined ? `; fail-on ${failOn}: ${failed ? 'FAILED' : 'ok'}` : '') + '\n');
  await flush();
  return failed ? 1 : 0;
}

function bool(flags: Map<string, string>, name: string): boolean | undefined {
  const v = flags.get(name);
  if (v === undefined) return undefined;
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw new UsageError(`--${name} must be true or false, got "${v}"`);
}

async function sdcCommand(argv: string[], io: Io): Promise<number> {
  const { flags, positionals } = parseArgs(argv, new Set(['format', 'threshold', 'zeros-disclosive', 'round-to', 'redact-at', 'evidence', 'p', 'nk-n', 'nk-k', 'dof-threshold', 'fail-on', 'count-columns']), new Set(['help']));
  if (flags.has('help')) {
    io.out(USAGE + '\n');
    return 0;
  }
  const format = flags.get('format') ?? 'text';
  if (!['json', 'text'].includes(format)) throw new UsageError(`--format must be json or text, got "${format}"`);
  const o: Partial<SdcOptions> = {};
  const t = num(flags, 'threshold', 0);
  if (t !== undefined) o.threshold = t;
  const z = bool(flags, 'zeros-disclosive');
  if (z !== undefined) o.zerosDisclosive = z;
  const r = num(flags, 'round-to', 1);
  if (r !== undefined) {
    if (!Number.isInteger(r)) throw new UsageError('--round-to must be a positive integer');
    o.roundTo = r;
  }
  const ra = num(flags, 'redact-at', 0);
  if (ra !== undefined) o.redactAt = ra;
  const p = num(flags, 'p', 0, 1);
  if (p !== undefined) o.p = p;
  const nkn = num(flags, 'nk-n', 1);
  if (nkn !== undefined) {
    if (!Number.isInteger(nkn)) throw new UsageError('--nk-n must be a positive integer');
    o.nkN = nkn;
  }
  const nkk = num(flags, 'nk-k', 0, 1);
  if (nkk !== undefined) o.nkK = nkk;
  const dof = num(flags, 'dof-threshold', 0);
  if (dof !== undefined) o.dofThreshold = dof;
  if (flags.has('count-columns')) {
    const cols = flags.get('count-columns')!.split(',').map(Number);
    if (cols.some((c) => !Number.isInteger(c) || c < 1)) throw new UsageError('--count-columns takes 1-based column numbers, e.g. 2,3');
    o.countColumns = cols;
  }
  const failOn = flags.get('fail-on') ?? 'fail';
  if (!['fail', 'review', 'never'].includes(failOn)) throw new UsageError('--fail-on must be fail, review or never');
  if (positionals.length === 0) throw new UsageError('no TABLE given');
  let evidence: ReturnType<typeof loadEvidence> | null = null;
  if (flags.has('evidence')) {
    try {
      evidence = loadEvidence(flags.get('evidence')!);
    } catch (e) {
      throw new UsageError(`--evidence: ${(e as Error).message}`);
    }
  }
  const tables: (SdcTableResult & { error?: string })[] = [];
  for (const path of await expandPaths(positionals)) {
    try {
      const text = await fsp.readFile(path, 'utf8');
      tables.push(runSdcChecks(text, o, evidence?.forTable(path) ?? null, path));
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      tables.push({ path, status: 'review', checks: [], error: err.code === 'ENOENT' ? 'file not found' : err.message });
    }
  }
  const failed = failOn !== 'never' && tables.some((t) => t.status === 'fail' || (failOn === 'review' && t.status === 'review'));
  // exactly the contract's shape; the settings in force are printed in the text format
  if (format === 'json') io.out(JSON.stringify({ tables }) + '\n');
  else {
    const lines: string[] = [`settings: ${JSON.stringify({ ...SDC_DEFAULTS, ...o })}`];
    for (const tb of tables) {
      lines.push(`${tb.path}: ${tb.status}${tb.error ? ` (error: ${tb.error})` : ''}`);
      for (const c of tb.checks) lines.push(`  ${c.name}: ${c.status} - ${c.message}${c.cells.length ? ' ' + JSON.stringify(c.cells.slice(0, 20)) + (c.cells.length > 20 ? '…' : '') : ''}`);
    }
    io.out(lines.join('\n') + '\n');
  }
  return failed ? 1 : 0;
}

async function deidCommand(argv: string[], io: Io): Promise<number> {
  const { flags, positionals } = parseArgs(argv, new Set(['operator', 'policy', 'key-env', 'subject', 'subject-column', 'report', 'min-score', 'entities', 'format', 'max-shift-days']), new Set(['help']));
  if (flags.has('help')) {
    io.out(USAGE + '\n');
    return 0;
  }
  if (positionals.length !== 2) throw new UsageError('deidentify needs IN and OUT');
  const [input, output] = positionals as [string, string];
  const op = flags.get('operator');
  if (op !== undefined && !(OPERATORS as readonly string[]).includes(op)) throw new UsageError(`--operator must be one of ${OPERATORS.join(', ')}`);
  let policy: Partial<Record<Entity, Operator>> | undefined;
  if (flags.has('policy')) {
    try {
      policy = JSON.parse(await fsp.readFile(flags.get('policy')!, 'utf8')) as Partial<Record<Entity, Operator>>;
    } catch (e) {
      throw new UsageError(`--policy: ${(e as Error).message}`);
    }
    for (const [k, v] of Object.entries(policy)) {
      if (!isEntity(k)) throw new UsageError(`--policy: unknown entity ${k}`);
      if (!(OPERATORS as readonly string[]).includes(v as string)) throw new UsageError(`--policy: unknown operator ${String(v)}`);
    }
  }
  const needsKey = op === 'hash' || op === 'shift' || Object.values(policy ?? {}).some((v) => v === 'hash' || v === 'shift');
  const key = keyFrom(flags, io.env, needsKey);
  const reportPath = flags.get('report') ?? output + '.report.json';
  // the report's items are spooled to disk and streamed into the report file, not held: a 20 MB extract makes
  // over a million of them
  const options = {
    minScore: num(flags, 'min-score', 0, 1),
    entities: entitiesFlag(flags),
    defaultOperator: op as Operator | undefined,
    policy,
    key,
    subject: flags.get('subject'),
    subjectColumn: flags.get('subject-column'),
    maxShiftDays: num(flags, 'max-shift-days', 1),
  };
  let spooled: SpooledDeidReport;
  try {
    spooled = await deidentifyFileSpooled(input, output, reportPath, options);
  } catch (e) {
    // an unwritable report directory fails like an unwritable OUT (exit 1), not as a crash; nothing was written
    if (!(e instanceof ReportDirectoryError)) throw e;
    io.err(`cloister-scan: ${e.message}; nothing written\n`);
    return 1;
  }
  const report = spooled.report;
  try {
    await spooled.writeTo(reportPath);
    if ((flags.get('format') ?? 'text') === 'json') {
      for await (const piece of spooled.json(0, { report: reportPath })) await io.out(piece);
      await io.out('\n');
    } else await io.out(`${input} -> ${output}: ${report.changed} change(s)${report.error ? `; error: ${report.error}` : ''}; report: ${reportPath}\n`);
  } finally {
    await spooled.dispose();
  }
  // malformed JSON is still rewritten (exit 0, its error in the report); any file left without OUT fails
  return report.written ? 0 : 1;
}

async function hashIdsCommand(argv: string[], io: Io): Promise<number> {
  const { flags, positionals } = parseArgs(argv, new Set(['key-env']));
  const key = keyFrom(flags, io.env, true)!;
  const text = positionals[0] ? await fsp.readFile(positionals[0], 'utf8') : await readStdin();
  const set = buildKnownIdentifierSet(text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean), key);
  io.out(JSON.stringify(serialiseKnownIdentifierSet(set)) + '\n');
  return 0;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks).toString('utf8');
}

if (require.main === module || process.env.CLOISTER_SCAN_MAIN === '1') {
  const out = (s: string): Promise<void> | void => {
    if (!process.stdout.write(s)) return new Promise((res) => process.stdout.once('drain', () => res()));
  };
  main(process.argv.slice(2), { out, err: (s) => process.stderr.write(s), env: process.env }).then((code) => {
    // let stdout drain, then exit with the code
    process.exitCode = code;
  });
}
