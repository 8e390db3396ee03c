/**
 * Security tiers follow the Turing Data Safe Haven scale (0 = open data … 4 = highly sensitive).
 * A tier fixes defaults and the bounds a project admin may move within.
 */
export const TIERS = [0, 1, 2, 3, 4] as const;
export type Tier = (typeof TIERS)[number];

export interface TierPolicy {
  readonly tier: Tier;
  readonly checkersRequired: { readonly default: number; readonly min: number; readonly max: number };
  readonly allowedExportExtensions: readonly string[];
  readonly maxExportFileBytes: number;
  readonly maxExportRows: number;
  readonly archivesAllowed: boolean;
  readonly disclosure: { readonly threshold: number; readonly zerosDisclosive: boolean; readonly roundTo: number | null };
}

const MIB = 1024 * 1024;
const TABLES_AND_TEXT = ['csv', 'tsv', 'txt', 'md', 'json', 'png', 'jpg', 'jpeg', 'svg', 'pdf', 'html', 'ipynb'];

export const TIER_POLICIES: Record<Tier, TierPolicy> = {
  0: { tier: 0, checkersRequired: { default: 1, min: 1, max: 3 }, allowedExportExtensions: [...TABLES_AND_TEXT, 'zip', 'parquet', 'xlsx', 'py', 'r'], maxExportFileBytes: 1024 * MIB, maxExportRows: 10_000_000, archivesAllowed: true, disclosure: { threshold: 0, zerosDisclosive: false, roundTo: null } },
  1: { tier: 1, checkersRequired: { default: 1, min: 1, max: 3 }, allowedExportExtensions: [...TABLES_AND_TEXT, 'zip', 'parquet', 'xlsx', 'py', 'r'], maxExportFileBytes: 512 * MIB, maxExportRows: 1_000_000, archivesAllowed: true, disclosure: { threshold: 5, zerosDisclosive: false, roundTo: null } },
  2: { tier: 2, checkersRequired: { default: 1, min: 1, max: 3 }, allowedExportExtensions: [...TABLES_AND_TEXT, 'parquet', 'xlsx', 'py', 'r'], maxExportFileBytes: 100 * MIB, maxExportRows: 100_000, archivesAllowed: false, disclosure: { threshold: 10, zerosDisclosive: false, roundTo: null } },
  3: { tier: 3, checkersRequired: { default: 2, min: 2, max: 4 }, allowedExportExtensions: TABLES_AND_TEXT, maxExportFileBytes: 20 * MIB, maxExportRows: 10_000, archivesAllowed: false, disclosure: { threshold: 10, zerosDisclosive: true, roundTo: 5 } },
  4: { tier: 4, checkersRequired: { default: 2, min: 2, max: 5 }, allowedExportExtensions: ['csv', 'tsv', 'txt', 'md', 'png', 'pdf'], maxExportFileBytes: 5 * MIB, maxExportRows: 1_000, archivesAllowed: false, disclosure: { threshold: 10, zerosDisclosive: true, roundTo: 5 } },
};

export const isTier = (value: number): value is Tier => (TIERS as readonly number[]).includes(value);
