import { TEXT_LIMITS, tooLongMessage } from '@cloister/domain';
import { compactErrors } from '../../ui/forms/validators';
import type { ExportDetail, ExportFileRole, RequestBody, StagedOutput } from './api/ExportRequest';

export interface GroupValues {
  name: string;
  context: string;
  controls: string;
  /** Role per staged output id; files not in the map are not in the group. */
  files: Record<string, ExportFileRole>;
}

export interface RequestValues {
  title: string;
  purpose: string;
  groups: GroupValues[];
}

export const emptyGroup = (index: number): GroupValues => ({ name: `Group ${index + 1}`, context: '', controls: '', files: {} });
export const emptyRequest = (): RequestValues => ({ title: '', purpose: '', groups: [emptyGroup(0)] });

/** Form keys an API error may name, for the groups there are now (`groups[1].files[0].stagedOutputId` lands on `groups.1.files`). */
export function requestFormFields(groupCount: number): string[] {
  const fields = ['title', 'purpose', 'groups'];
  for (let i = 0; i < groupCount; i += 1) fields.push(`groups.${i}.name`, `groups.${i}.context`, `groups.${i}.controls`, `groups.${i}.files`);
  return fields;
}

const text = (value: string, max: number) => (value.trim() === '' ? 'must not be empty' : value.trim().length > max ? tooLongMessage(max) : null);
const LIMITS = TEXT_LIMITS.exportRequest;

/** The API's rules for a request, in its words (it stays the authority: holds and staging are only checked there). */
export function validateRequest(values: RequestValues): Record<string, string> {
  const errors: Record<string, string | null> = { title: text(values.title, LIMITS.title), purpose: text(values.purpose, LIMITS.purpose) };
  values.groups.forEach((group, i) => {
    errors[`groups.${i}.name`] = text(group.name, LIMITS.groupName);
    errors[`groups.${i}.context`] = text(group.context, LIMITS.groupContext);
    errors[`groups.${i}.controls`] = group.controls.trim().length > LIMITS.groupControls ? tooLongMessage(LIMITS.groupControls) : null;
  });
  const hasOutput = values.groups.some((group) => Object.values(group.files).includes('output'));
  errors['groups'] = values.groups.length === 0 ? 'must have at least one group' : hasOutput ? null : 'a request needs at least one file with role "output"';
  return compactErrors(errors);
}

export function toRequestBody(values: RequestValues): RequestBody {
  return {
    title: values.title.trim(),
    purpose: values.purpose.trim(),
    groups: values.groups.map((group) => ({
      name: group.name.trim(),
      context: group.context.trim(),
      controls: group.controls.trim(),
      files: Object.entries(group.files).map(([stagedOutputId, role]) => ({ stagedOutputId, role })),
    })),
  };
}

/** A saved request as form values; its files are matched to staged outputs by path (the API keeps one staged file per path). */
export function requestValuesOf(detail: ExportDetail, staged: readonly StagedOutput[]): RequestValues {
  const idByPath = new Map(staged.map((s) => [s.path, s.id]));
  return {
    title: detail.title,
    purpose: detail.purpose,
    groups: detail.groups.map((group) => ({
      name: group.name,
      context: group.context,
      controls: group.controls,
      files: Object.fromEntries(group.files.flatMap((file) => {
        const id = idByPath.get(file.path);
        return id === undefined ? [] : [[id, file.role] as const];
      })),
    })),
  };
}
