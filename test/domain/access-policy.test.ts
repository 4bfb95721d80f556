import { describe, expect, it } from 'vitest';
import {
  approvalRefusal,
  mayActAsSender,
  mayApprove,
  mayAskOtherTimes,
  mayChairMeeting,
  mayCloseCase,
  mayHandleUnit,
  mayReconvene,
  namedUnitOf,
  rolesIn,
  unitLeads,
} from '../../src/domain/privacy/access-policy.js';
import { PEOPLE, requestAt } from '../support/app-requests.js';
import { directory } from '../support/people.js';

const { worker, colleague, supervisor, deputy, psychiatryLead, psychiatryDeputy, psychiatryMember, healthLead, healthMember, stranger } = PEOPLE;

describe('who may approve', () => {
  it("lets the sending unit's supervisor and deputy approve, and nobody else", () => {
    const submitted = requestAt('submitted');
    expect([supervisor, deputy].map((id) => mayApprove(directory, id, submitted))).toEqual([true, true]);
    expect([worker, colleague, psychiatryLead, stranger].map((id) => mayApprove(directory, id, submitted))).toEqual([false, false, false, false]);
  });

  it('lets nobody approve a request without a sending unit', () => {
    expect(mayApprove(directory, supervisor, requestAt('draft', { sendingUnitId: undefined }))).toBe(false);
  });

  it('never lets the person who filed a request approve it, even a supervisor of the sending unit', () => {
    const ownFiling = requestAt('submitted', { ownerId: supervisor });
    expect(mayApprove(directory, supervisor, ownFiling)).toBe(false);
    expect(mayApprove(directory, deputy, ownFiling)).toBe(true);
    expect(approvalRefusal(directory, supervisor, ownFiling)).toEqual({ code: 'request.own_request' });
  });
});

describe('who may handle a receiving unit', () => {
  it("lets only the unit's own supervisor or deputy handle it, once it is in the request", () => {
    const routed = requestAt('routed');
    expect(mayHandleUnit(directory, psychiatryLead, routed, 'lastenpsykiatria')).toBe(true);
    expect(mayHandleUnit(directory, psychiatryDeputy, routed, 'lastenpsykiatria')).toBe(true);
    expect(mayHandleUnit(directory, psychiatryLead, routed, 'terveysasemat')).toBe(false);
    expect(mayHandleUnit(directory, supervisor, routed, 'lastenpsykiatria')).toBe(false);
    expect(mayHandleUnit(directory, psychiatryMember, routed, 'lastenpsykiatria')).toBe(false);
    expect(mayHandleUnit(directory, psychiatryLead, requestAt('submitted'), 'lastenpsykiatria')).toBe(false);
  });
});

describe('who may read a description', () => {
  it('a supervisor cannot read an unsent draft; its worker can', () => {
    const draft = requestAt('draft');
    expect(rolesIn(directory, supervisor, draft)).toEqual([]);
    expect(rolesIn(directory, deputy, draft)).toEqual([]);
    expect(rolesIn(directory, worker, draft)).toEqual(['sending_worker']);
  });

  it('gives the sending leads their role once the request is sent', () => {
    expect(rolesIn(directory, supervisor, requestAt('submitted'))).toEqual(['sending_supervisor']);
    expect(rolesIn(directory, deputy, requestAt('returned'))).toEqual(['sending_supervisor']);
  });

  it('gives receiving leads their role once routed, named workers and the omatyöntekijä theirs', () => {
    expect(rolesIn(directory, healthLead, requestAt('submitted'))).toEqual([]);
    expect(rolesIn(directory, healthLead, requestAt('routed'))).toEqual(['receiving_supervisor']);
    expect(rolesIn(directory, healthMember, requestAt('named'))).toEqual(['named_worker']);
    expect(rolesIn(directory, psychiatryMember, requestAt('follow_up'))).toEqual(['named_worker', 'responsible_worker']);
  });

  it('gives an outsider no role, not even a colleague of the sending worker or a member of a receiving unit before naming', () => {
    for (const id of [colleague, stranger, psychiatryMember]) expect(rolesIn(directory, id, requestAt('routed'))).toEqual([]);
  });
});

describe("a unit's leads", () => {
  it('are its supervisors and deputies, each once; an unknown unit has none', () => {
    expect(unitLeads(directory, 'perhesosiaalityo')).toEqual([supervisor, deputy]);
    expect(unitLeads(directory, 'no-such-unit')).toEqual([]);
  });
});

describe('the sending worker and the chair', () => {
  it('lets only the owner act as sender and chair the meeting', () => {
    const booked = requestAt('booked');
    expect([worker, supervisor, psychiatryMember].map((id) => mayActAsSender(booked, id))).toEqual([true, false, false]);
    expect([worker, supervisor, psychiatryMember].map((id) => mayChairMeeting(booked, id))).toEqual([true, false, false]);
  });

  it('lets the chair and any named worker ask for other times, and nobody else', () => {
    const proposed = requestAt('proposed');
    expect([worker, psychiatryMember, healthMember].every((id) => mayAskOtherTimes(proposed, id))).toBe(true);
    expect([supervisor, psychiatryLead, stranger].some((id) => mayAskOtherTimes(proposed, id))).toBe(false);
  });
});

describe('re-convening and closing', () => {
  it('lets the omatyöntekijä re-convene a case in follow-up, and the chair one held without consent', () => {
    expect(mayReconvene(requestAt('follow_up'), psychiatryMember)).toBe(true);
    expect(mayReconvene(requestAt('follow_up'), worker)).toBe(false);
    expect(mayReconvene(requestAt('held'), worker)).toBe(true);
    expect(mayReconvene(requestAt('held'), psychiatryMember)).toBe(false);
    expect(mayReconvene(requestAt('booked'), worker)).toBe(false);
  });

  it('lets the omatyöntekijä, the chair of a case not handled, or a sending lead close', () => {
    expect(mayCloseCase(directory, psychiatryMember, requestAt('follow_up'))).toBe(true);
    expect(mayCloseCase(directory, supervisor, requestAt('follow_up'))).toBe(true);
    expect(mayCloseCase(directory, worker, requestAt('follow_up'))).toBe(false);
    expect(mayCloseCase(directory, healthMember, requestAt('follow_up'))).toBe(false);
    expect(mayCloseCase(directory, worker, requestAt('held'))).toBe(true);
  });
});

describe('the unit a person was named for', () => {
  it('is the unit that named them, or none', () => {
    expect(namedUnitOf(requestAt('named'), healthMember)).toBe('terveysasemat');
    expect(namedUnitOf(requestAt('named'), psychiatryLead)).toBeUndefined();
  });
});
