import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { PLAYGROUND_PEOPLE, playgroundConfig } from '../../scripts/playground-config.js';
import { directory } from '../support/people.js';

describe('Agents Playground configuration', () => {
  it('keeps the committed root file the same as the generated worker configuration', () => {
    expect(readFileSync('.m365agentsplayground.yml', 'utf8')).toBe(playgroundConfig(directory, PLAYGROUND_PEOPLE[0]!));
  });

  it.each(PLAYGROUND_PEOPLE.map((p) => [p.id, p] as const))('gives %s exactly five other users from the directory', (_id, person) => {
    const config = parse(playgroundConfig(directory, person)) as { currentUser: { aadObjectId: string }; users: { aadObjectId: string }[] };
    expect(config.currentUser.aadObjectId).toBe(person.aadObjectId);
    expect(config.users).toHaveLength(5);
    expect(config.users.map((u) => u.aadObjectId)).not.toContain(person.aadObjectId);
  });
});
