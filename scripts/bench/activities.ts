import { randomBytes, randomUUID } from 'node:crypto';
import { Verb } from '../../cards/verbs.js';
import { countyDate } from '../../src/domain/time.js';
import { SUPERVISOR, TENANT, WORKER, type TestUser } from '../../test/support/bot-harness.js';
import { HEALTH_LEAD, HEALTH_MEMBER } from '../../test/support/people.js';
import { COMPLETE_FORM } from '../../test/support/forms.js';
import { descriptionTexts } from './description.js';
import { RECEIVING_UNIT } from './seed.js';

// Once per run: a date never turns future as the run goes on, and formatting it per request
// would take CPU from the load generator.
const DESCRIPTION_DATE = countyDate(new Date());

/** Different descriptions, made once: building text per request would slow the load generator. */
const TEXTS = Array.from({ length: 64 }, (_, seed) => descriptionTexts(seed * 7));
let textIndex = 0;

/** A fresh id each time: our bot drops an activity id it has seen, and would then do no work. */
function activity(serviceUrl: string, user: TestUser, fields: Record<string, unknown>): string {
  return JSON.stringify({
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl,
    timestamp: new Date().toISOString(),
    locale: 'fi-FI',
    from: { id: `29:${user.aadObjectId}`, name: user.name, aadObjectId: user.aadObjectId },
    recipient: { id: '28:yhteistyobotti', name: 'Yhteistyöbotti' },
    conversation: { id: `a:personal-${user.aadObjectId}`, conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
    ...fields,
  });
}

const click = (serviceUrl: string, user: TestUser, verb: string, data: Record<string, unknown>) =>
  activity(serviceUrl, user, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data } } });

/** Someone greets the bot and gets the welcome card with their requests. */
export const hello = (serviceUrl: string, user: TestUser) => activity(serviceUrl, user, { type: 'message', text: 'hei' });

/** The worker greets the bot: the path measured as "welcome". */
export const welcome = (serviceUrl: string) => hello(serviceUrl, WORKER);

/** A worker sends a new request (version 0 of the id) with a description of a few hundred words. */
export function submitOf(serviceUrl: string, requestId: string): string {
  const texts = TEXTS[textIndex++ % TEXTS.length]!;
  return click(serviceUrl, WORKER, Verb.submitRequest, { ...COMPLETE_FORM, ...texts, descriptionDate: DESCRIPTION_DATE, requestId, version: 0 });
}

/** A new request id each time, so every click creates a request and submits it. */
export const submit = (serviceUrl: string) => submitOf(serviceUrl, randomBytes(16).toString('base64url'));

/** The sending supervisor approves a submitted request: it becomes binding and is routed. */
export const approve = (serviceUrl: string, requestId: string) => click(serviceUrl, SUPERVISOR, Verb.approve, { requestId });

/** The receiving unit's supervisor acknowledges a routed request, naming the team meeting a week on. */
export const acknowledge = (serviceUrl: string, requestId: string) =>
  click(serviceUrl, HEALTH_LEAD, Verb.acknowledge, { requestId, unitId: RECEIVING_UNIT, processingDate: countyDate(new Date(Date.now() + 7 * 86_400_000)) });

/** The same supervisor names the unit's worker on an acknowledged request. */
export const nameWorker = (serviceUrl: string, requestId: string) =>
  click(serviceUrl, HEALTH_LEAD, Verb.nameWorker, { requestId, unitId: RECEIVING_UNIT, workerId: HEALTH_MEMBER.aadObjectId });
