import { describe, expect, it } from 'vitest';
import { nextStepOf } from '../../src/domain/collaboration/next-step.js';
import { PEOPLE, requestAt } from '../support/app-requests.js';

describe('what a request waits for next, and who has it', () => {
  it.each([
    ['submitted', { step: 'approve', unitIds: ['perhesosiaalityo'] }],
    ['returned', { step: 'fix', personId: PEOPLE.worker }],
    ['routed', { step: 'acknowledge', unitIds: ['lastenpsykiatria', 'terveysasemat'] }],
    ['acknowledged', { step: 'name_worker', unitIds: ['lastenpsykiatria', 'terveysasemat'] }],
    ['named', { step: 'agree_meeting', personId: PEOPLE.worker }],
    ['proposed', { step: 'choose_time', personId: PEOPLE.worker }],
    ['booked', { step: 'hold_meeting', personId: PEOPLE.worker }],
    ['held', { step: 'close', personId: PEOPLE.worker }],
    ['follow_up', { step: 'follow_up', personId: PEOPLE.psychiatryMember }],
    ['closed', { step: 'none' }],
    ['withdrawn', { step: 'none' }],
  ] as const)('%s: %o', (stage, expected) => {
    expect(nextStepOf(requestAt(stage))).toEqual(expected);
  });

  it('names only the units still to act when some have acknowledged', () => {
    const routed = requestAt('routed');
    const partly = { ...routed, units: [{ ...routed.units[0]!, status: 'acknowledged' as const }, routed.units[1]!] };
    expect(nextStepOf(partly)).toEqual({ step: 'acknowledge', unitIds: ['terveysasemat'] });
  });
});
