import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Verb } from '../../cards/verbs.js';
import { BotHarness, SUPERVISOR, WORKER, actionTitles, actionVerbs, fixedClock, texts, type TestUser } from '../support/bot-harness.js';
import { sendAndApprove } from '../support/flows.js';
import { HEALTH_LEAD, directory } from '../support/people.js';
import { fiPattern, fiText } from '../support/catalog-text.js';

const HEALTH = directory.unitName('terveysasemat', 'fi')!;
const YOUTH = directory.unitName('nuorisopsykiatria', 'fi')!;
const REASON = 'Nuoren oireet kuuluvat nuorisopsykiatrialle.';
const YOUTH_LEAD: TestUser = { aadObjectId: directory.unit('nuorisopsykiatria')!.supervisors[0]!, name: '' };

describe('a receiving unit proposes a better-suited unit', () => {
  const harness = new BotHarness(fixedClock('2026-11-24T10:00:00Z'));
  const lastCardTo = (user: TestUser) => harness.currentCard(user);

  beforeAll(async () => {
    await harness.start();
    for (const user of [WORKER, SUPERVISOR, HEALTH_LEAD, YOUTH_LEAD]) await harness.say(user, 'hei');
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('moves the request to the proposed unit when the sending supervisor accepts', async () => {
    const requestId = await sendAndApprove(harness, 'terveysasemat');
    harness.connector.clear();
    const proposed = await harness.click(HEALTH_LEAD, Verb.proposeUnit, {
      requestId,
      unitId: 'terveysasemat',
      proposedUnitId: 'nuorisopsykiatria',
      proposalReason: REASON,
    });
    expect(texts(proposed as never).join(' ')).toContain(fiText('case.proposalPending', { to: YOUTH }));
    const toSupervisor = lastCardTo(SUPERVISOR);
    expect(texts(toSupervisor)).toContain(fiText('case.proposalLine', { from: HEALTH, to: YOUTH, reason: REASON }));
    expect(actionTitles(toSupervisor)).toEqual([fiText('case.acceptProposal'), fiText('case.rejectProposal')]);
    await harness.click(SUPERVISOR, Verb.acceptProposal, { requestId, unitId: 'terveysasemat' });
    expect(texts(lastCardTo(YOUTH_LEAD))[0]).toBe(fiText('case.receivingTitle', { reference: 'YT-2026-0001', unit: YOUTH }));
    expect(await harness.click(HEALTH_LEAD, Verb.acknowledge, { requestId, unitId: 'terveysasemat', processingDate: '2026-12-01' })).toBe(
      fiText('errors.request.not_permitted'),
    );
  });

  it('keeps the request binding on the unit when the proposal is rejected', async () => {
    const requestId = await sendAndApprove(harness, 'terveysasemat');
    await harness.click(HEALTH_LEAD, Verb.proposeUnit, { requestId, unitId: 'terveysasemat', proposedUnitId: 'nuorisopsykiatria', proposalReason: REASON });
    await harness.click(SUPERVISOR, Verb.rejectProposal, { requestId, unitId: 'terveysasemat' });
    const view = await harness.execute(HEALTH_LEAD, Verb.viewRequest, { requestId, unitId: 'terveysasemat' });
    expect(texts(view).join(' ')).toContain(fiText('case.proposalRejected'));
    expect(actionTitles(view)).toEqual([fiText('case.acknowledge')]);
    const late = await harness.execute(SUPERVISOR, Verb.acceptProposal, { requestId, unitId: 'terveysasemat' });
    expect(texts(late)).toContainEqual(expect.stringMatching(fiPattern('errors.request.already_decided', { name: SUPERVISOR.name })));
    expect(actionVerbs(late)).not.toContain(Verb.acceptProposal);
  });

  it('refuses a proposal of a unit already in the request', async () => {
    const requestId = await sendAndApprove(harness, 'terveysasemat,lastenpsykiatria');
    const refused = await harness.click(HEALTH_LEAD, Verb.proposeUnit, { requestId, unitId: 'terveysasemat', proposedUnitId: 'lastenpsykiatria', proposalReason: REASON });
    expect(texts(refused as never)).toContain(fiText('errors.request.unit_already_involved'));
  });
});
