/**
 * What a project's storage quota allows, asked the same way at upload time (API) and before transfer (worker).
 * `usedBytes` is everything the project holds or has reserved apart from what is being added; `addingBytes` is
 * what this step adds (negative when a re-declared file shrinks). Reaching the quota exactly is allowed.
 */
export interface QuotaQuestion {
  readonly usedBytes: number;
  readonly addingBytes: number;
  readonly quotaBytes: number;
}

export type QuotaVerdict =
  /** `headroomBytes`: what was left before this addition (never negative). `totalBytes`: used plus adding. */
  | { readonly ok: true; readonly headroomBytes: number; readonly totalBytes: number }
  | { readonly ok: false; readonly headroomBytes: number; readonly totalBytes: number; readonly overByBytes: number };

export function quotaVerdict({ usedBytes, addingBytes, quotaBytes }: QuotaQuestion): QuotaVerdict {
  const totalBytes = usedBytes + addingBytes;
  const headroomBytes = Math.max(0, quotaBytes - usedBytes);
  return totalBytes > quotaBytes ? { ok: false, headroomBytes, totalBytes, overByBytes: totalBytes - quotaBytes } : { ok: true, headroomBytes, totalBytes };
}
