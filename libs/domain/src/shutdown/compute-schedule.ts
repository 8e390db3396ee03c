import { CronExpressionParser } from 'cron-parser';
import { validationError } from '../errors/domain-error';

/** When a project's compute stops (and optionally starts again), in the project's own time zone. */
export interface ComputeSchedule {
  readonly stopCron: string;
  readonly startCron: string | null;
  readonly timeZone: string;
  readonly enabled: boolean;
}

export interface ScheduledRun {
  readonly at: Date;
  readonly action: 'stop' | 'start';
}

const FIVE_FIELDS = /^\S+(\s+\S+){4}$/;

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function parse(expr: string, tz: string, currentDate: Date) {
  return CronExpressionParser.parse(expr, { tz, currentDate });
}

/** Checks one cron field; the error names the field so a form can show it in place. */
function checkCron(field: 'stopCron' | 'startCron', expr: string, tz: string): void {
  if (!FIVE_FIELDS.test(expr.trim())) {
    throw validationError('INVALID_CRON', `${field}: must be a cron expression with 5 fields (minute hour day-of-month month day-of-week), e.g. 0 19 * * 1-5`, { field });
  }
  try {
    parse(expr, tz, new Date()).next();
  } catch (e) {
    throw validationError('INVALID_CRON', `${field}: ${e instanceof Error ? e.message : 'not a valid cron expression'}`, { field });
  }
}

/** Refuses an unknown IANA time zone or a malformed cron expression with a 400 naming the field. */
export function validateSchedule(s: ComputeSchedule): ComputeSchedule {
  if (!isTimeZone(s.timeZone)) {
    throw validationError('INVALID_TIME_ZONE', `timeZone: "${s.timeZone}" is not an IANA time zone such as Europe/London`, { field: 'timeZone' });
  }
  checkCron('stopCron', s.stopCron, s.timeZone);
  if (s.startCron !== null) checkCron('startCron', s.startCron, s.timeZone);
  return { ...s, stopCron: s.stopCron.trim().replace(/\s+/g, ' '), startCron: s.startCron?.trim().replace(/\s+/g, ' ') ?? null };
}

function upcoming(expr: string, tz: string, from: Date, count: number, action: ScheduledRun['action']): ScheduledRun[] {
  const it = parse(expr, tz, from);
  return Array.from({ length: count }, () => ({ at: it.next().toDate(), action }));
}

/** The next `count` stops and starts after `from`, merged in time order (what the schedule editor shows). */
export function nextRuns(s: ComputeSchedule, from: Date, count = 5): ScheduledRun[] {
  const runs = [...upcoming(s.stopCron, s.timeZone, from, count, 'stop'), ...(s.startCron ? upcoming(s.startCron, s.timeZone, from, count, 'start') : [])];
  return runs.sort((a, b) => a.at.getTime() - b.at.getTime()).slice(0, count);
}

/** The latest occurrence of `expr` at or before `now`, if it falls within the last `lookbackMs`; else null. */
export function latestOccurrence(expr: string, tz: string, now: Date, lookbackMs: number): Date | null {
  const prev = parse(expr, tz, new Date(now.getTime() + 1)).prev().toDate();
  return now.getTime() - prev.getTime() <= lookbackMs ? prev : null;
}
