import { stringify } from 'yaml';
import type { UnitDirectory } from '../src/domain/units/unit-directory.js';

/**
 * Agents Playground configurations. The Playground has no user switch, so each person of the
 * local demo gets an instance of their own, all from the example unit directory. Its schema wants
 * exactly five other users, who are also the members of its team and its channel.
 */
export const TENANT_ID = '00000000-0000-4000-8000-00000000aaaa';

export interface PlaygroundPerson {
  /** Teams user id in the Playground and the suffix of its personal chat id. */
  readonly id: string;
  readonly aadObjectId: string;
  readonly role: string;
}

export const PLAYGROUND_PEOPLE: readonly PlaygroundPerson[] = [
  { id: 'wilma', aadObjectId: '00000000-0000-4000-8000-000000000101', role: 'worker, Perhesosiaalityö' },
  { id: 'sanna', aadObjectId: '00000000-0000-4000-8000-000000000201', role: 'supervisor, Perhesosiaalityö' },
  { id: 'psy-lead', aadObjectId: '00000000-0000-4000-8000-000000007001', role: 'supervisor, Lastenpsykiatria' },
  { id: 'psy-worker', aadObjectId: '00000000-0000-4000-8000-000000007010', role: 'worker, Lastenpsykiatria' },
  { id: 'health-lead', aadObjectId: '00000000-0000-4000-8000-000000009001', role: 'supervisor, Terveysasemapalvelut' },
  { id: 'health-worker', aadObjectId: '00000000-0000-4000-8000-000000009010', role: 'worker, Terveysasemapalvelut' },
  // Last, so the first five others of everyone else are the six who work the cases: the DPO is in no unit's channel.
  { id: 'dpo', aadObjectId: '00000000-0000-4000-8000-000000000401', role: 'data protection officer' },
];

const OTHER_USERS = 5;

function user(directory: UnitDirectory, person: PlaygroundPerson) {
  const known = directory.person(person.aadObjectId);
  if (!known) throw new Error(`${person.aadObjectId} is not in the unit directory`);
  const [givenName = known.name, ...rest] = known.name.split(' ');
  const email = known.email ?? `${person.id}@hyvinvointialue.example`;
  return { id: person.id, name: known.name, userPrincipleName: email, aadObjectId: person.aadObjectId, givenName, surname: rest.join(' '), email };
}

export function playgroundConfig(directory: UnitDirectory, current: PlaygroundPerson): string {
  const header = [
    `# Microsoft 365 Agents Playground for ${current.id} (${current.role}).`,
    '# Written by scripts/playground-config.ts from the example unit directory; npm run dev starts one per person.',
  ].join('\n');
  const config = {
    version: '0.1.1',
    tenantId: TENANT_ID,
    bot: { id: '00000000-0000-4000-8000-0000000000b0', name: 'Yhteistyöbotti' },
    currentUser: user(directory, current),
    users: PLAYGROUND_PEOPLE.filter((p) => p !== current).slice(0, OTHER_USERS).map((p) => user(directory, p)),
    personalChat: { id: `personal-${current.id}` },
    groupChat: { id: 'group-chat-yhteistyo', name: 'Yhteistyö ryhmächat' },
    team: {
      id: '19:perhesosiaalityo-general@thread.tacv2',
      name: 'Perhesosiaalityö',
      aadGroupId: '00000000-0000-4000-8000-0000000000c1',
      channels: [{ id: '19:yhteistyopyynnot@thread.tacv2', name: 'Yhteistyöpyynnöt' }],
    },
  };
  return `${header}\n${stringify(config)}`;
}
