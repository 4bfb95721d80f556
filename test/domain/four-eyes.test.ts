import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseUnitDirectory } from '../../src/config/unit-directory-file.js';
import { validateForSubmission, type RequestForm } from '../../src/domain/collaboration/description.js';
import type { CollaborationRequest } from '../../src/domain/collaboration/request.js';
import { approvalRefusal, approversOf, mayApprove, rolesIn } from '../../src/domain/privacy/access-policy.js';

const EXAMPLE = readFileSync('infra/unit-directory.example.yaml', 'utf8');
const directory = parseUnitDirectory(EXAMPLE, 'example');
const WORKER = '00000000-0000-4000-8000-000000000101';
const SUPERVISOR = '00000000-0000-4000-8000-000000000201';
const DEPUTY = '00000000-0000-4000-8000-000000000202';
const ESCALATION = '00000000-0000-4000-8000-000000000301';
const CHILD_WELFARE_LEAD = directory.unit('lastensuojelu')!.supervisors[0]!;
const AT = '2026-11-24T10:00:00.000Z';

/** The example directory, but the family unit's deputy is gone and child welfare's too, which names no escalation. */
const soleLeads = parseUnitDirectory(EXAMPLE.replace(/ {4}deputies: \[00000000-0000-4000-8000-00000000(0202|2002)\]\n/g, ''), 'sole leads');

const filedBy = (ownerId: string, sendingUnitId = 'perhesosiaalityo'): CollaborationRequest => ({
  id: `r-${ownerId}`,
  version: 2,
  status: 'submitted',
  reference: 'YT-2026-0001',
  ownerId,
  sendingUnitId,
  collaborationUnitIds: ['lastenpsykiatria'],
  consentRecorded: true,
  needConfirmedInTeam: true,
  createdAt: AT,
  updatedAt: AT,
  units: [],
});

describe('four eyes on the sending side', () => {
  it("gives a worker's request to every lead of the sending unit", () => {
    expect(approversOf(directory, filedBy(WORKER))).toEqual([SUPERVISOR, DEPUTY]);
    expect(mayApprove(directory, SUPERVISOR, filedBy(WORKER))).toBe(true);
  });

  it("gives a supervisor's own request to the unit's other leads, never to its filer", () => {
    expect(approversOf(directory, filedBy(SUPERVISOR))).toEqual([DEPUTY]);
    expect(approvalRefusal(directory, SUPERVISOR, filedBy(SUPERVISOR))).toEqual({ code: 'request.own_request' });
    expect(approvalRefusal(directory, DEPUTY, filedBy(SUPERVISOR))).toBeUndefined();
    expect(approversOf(directory, filedBy(DEPUTY))).toEqual([SUPERVISOR]);
  });

  it("gives the only lead's request to the unit's escalation, and to nobody where none is named", () => {
    expect(approversOf(soleLeads, filedBy(SUPERVISOR))).toEqual([ESCALATION]);
    expect(approvalRefusal(soleLeads, ESCALATION, filedBy(SUPERVISOR))).toBeUndefined();
    expect(approvalRefusal(soleLeads, SUPERVISOR, filedBy(SUPERVISOR))).toEqual({ code: 'request.own_request' });
    // The escalation decides only when the unit's own leads cannot: a worker's request stays with them.
    expect(approvalRefusal(soleLeads, ESCALATION, filedBy(WORKER))).toEqual({ code: 'request.not_permitted' });
    expect(approversOf(soleLeads, filedBy(CHILD_WELFARE_LEAD, 'lastensuojelu'))).toEqual([]);
  });

  it('leaves the filer the sending worker of their own request, not its approver', () => {
    expect(rolesIn(directory, SUPERVISOR, filedBy(SUPERVISOR))).toEqual(['sending_worker']);
    expect(rolesIn(soleLeads, ESCALATION, filedBy(SUPERVISOR))).toEqual(['sending_supervisor']);
  });

  it('refuses to send what nobody else could approve, on the sending unit field', () => {
    const form: RequestForm = {
      descriptionDate: '2026-11-24',
      sendingUnitId: 'lastensuojelu',
      senderContact: 'Paula Heikkinen',
      collaborationUnitIds: ['lastenpsykiatria'],
      wantedServices: 'Arvio.',
      receivedServices: 'Perhetyö.',
      whatWorked: 'Kotikäynnit.',
      assessmentHighlights: 'Tuen tarve.',
      consentRecorded: true,
      needConfirmedInTeam: true,
    };
    const context = { workerId: CHILD_WELFARE_LEAD, today: '2026-11-24' };
    expect(validateForSubmission(form, { ...context, directory: soleLeads })).toEqual([{ field: 'sendingUnitId', code: 'field.no_approver' }]);
    expect(validateForSubmission(form, { ...context, directory })).toEqual([]);
  });
});
