import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../../test/renderWithProviders';
import type { AuditEvent } from '../api/AuditEvent';
import { AuditEventsTable } from './AuditEventsTable';

const zoneName = new Intl.DateTimeFormat(undefined, { timeZoneName: 'short' }).formatToParts(new Date('2026-11-29T09:16:41Z')).find((p) => p.type === 'timeZoneName')!.value;

const event = (details: AuditEvent['details']): AuditEvent => ({
  id: `e-${Object.keys(details).length}`, seq: 2, occurredAt: '2026-11-29T09:16:41Z', actorId: null, actorEmail: null,
  action: 'workspace.credential.issued', targetType: 'workspace_credential', targetId: null, projectId: null,
  requestId: null, sourceIp: null, details, prevHash: 'a', hash: 'b',
});

describe('AuditEventsTable', () => {
  it('says in which time zone each event happened', () => {
    renderWithProviders(<AuditEventsTable events={[event({})]} projectName={() => 'Demo study'} />);

    const row = screen.getAllByRole('row')[1]!;
    expect(within(row).getByText((text) => text.includes('2026') && text.includes(zoneName))).toBeTruthy();
  });

  it('lists details one field per line instead of a raw JSON string, and a dash when there are none', () => {
    renderWithProviders(<AuditEventsTable events={[event({ delivery: 'local-file', revoked: [] }), event({})]} projectName={() => 'Demo study'} />);

    const [, withDetails, without] = screen.getAllByRole('row');
    const items = within(withDetails!).getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toEqual(['delivery: local-file', 'revoked: none']);
    expect(withDetails!.textContent).not.toContain('{"');
    expect(within(without!).queryByRole('list')).toBeNull();
    expect(within(without!).getAllByRole('cell').at(-1)!.textContent).toBe('—');
  });

  it('lists nested details (the files of a request) as indented fields, not as JSON', () => {
    const files = [{ path: 'counts.csv', role: 'output', sha256: 'abc' }, { path: 'patients.csv', role: 'supporting', sha256: 'def' }];
    renderWithProviders(<AuditEventsTable events={[event({ title: 'Release', files, regions: ['North', 'South'] })]} projectName={() => 'Demo study'} />);

    const row = screen.getAllByRole('row')[1]!;
    expect(row.textContent).not.toMatch(/[{[]"/);
    const fileItems = Array.from(row.querySelectorAll('ol > li'));
    expect(fileItems.map((li) => li.textContent)).toEqual([
      'path: counts.csvrole: outputsha256: abc',
      'path: patients.csvrole: supportingsha256: def',
    ]);
    expect(Array.from(row.querySelectorAll('li')).map((li) => li.textContent)).toContain('regions: North, South');
  });
});

