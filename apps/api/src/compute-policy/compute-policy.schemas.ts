import { IDLE_MINUTES_RANGE } from '@cloister/domain';
import { z } from 'zod';

export const scheduleBody = z.strictObject({
  stopCron: z.string({ error: 'must be a cron expression' }).trim().min(1, 'must not be empty').max(100),
  startCron: z.string().trim().max(100).nullable().default(null).transform((s) => (s ? s : null)),
  timeZone: z.string({ error: 'must be an IANA time zone such as Europe/London' }).trim().min(1, 'must not be empty').max(64),
  enabled: z.boolean().default(true),
});

const run = z.object({ at: z.string(), action: z.enum(['stop', 'start']) });
export const scheduleResponse = z.object({
  schedule: z.object({ stopCron: z.string(), startCron: z.string().nullable(), timeZone: z.string(), enabled: z.boolean(), updatedAt: z.string() }).nullable(),
  nextRuns: z.array(run),
});
export const schedulePreviewResponse = z.object({ nextRuns: z.array(run) });

export const idlePolicyBody = z.strictObject({
  enabled: z.boolean().default(true),
  cpuThresholdPercent: z.number({ error: 'must be a number' }).gt(0, 'must be more than 0').max(100, 'must be at most 100'),
  idleMinutes: z.number({ error: 'must be a number' }).int('must be a whole number')
    .min(IDLE_MINUTES_RANGE.min, `must be at least ${IDLE_MINUTES_RANGE.min}`).max(IDLE_MINUTES_RANGE.max, `must be at most ${IDLE_MINUTES_RANGE.max}`),
});
export const idlePolicyResponse = z.object({
  idlePolicy: z.object({ enabled: z.boolean(), cpuThresholdPercent: z.number(), idleMinutes: z.number().int(), updatedAt: z.string() }).nullable(),
});

export const budgetBody = z.strictObject({
  monthlyAmount: z.number({ error: 'must be a number' }).gt(0, 'must be more than 0').max(10_000_000, 'must be at most 10000000'),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter currency code such as USD').default('USD'),
  stopAtLimit: z.boolean().default(false),
});
export const budgetResponse = z.object({
  budget: z.object({ monthlyAmount: z.number(), currency: z.string(), stopAtLimit: z.boolean(), updatedAt: z.string() }).nullable(),
});
export const spendResponse = z.object({
  month: z.string(),
  budget: z.object({ monthlyAmount: z.number(), currency: z.string(), stopAtLimit: z.boolean() }).nullable(),
  /** Null until the budget sweep has priced this month. */
  spend: z.object({
    source: z.enum(['rate-card', 'cost-management']), currency: z.string(), spent: z.number(), forecast: z.number(), savings: z.number(),
    daily: z.array(z.object({ date: z.string(), amount: z.number() })), computedAt: z.string(), thresholdsReached: z.array(z.number()), exhaustedAt: z.string().nullable(),
  }).nullable(),
});
