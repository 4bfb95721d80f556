import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Verb } from '../../cards/verbs.js';
import { ROUTED_VERBS } from '../../src/bot/command-routes.js';

/** Tests run from the repository root, as the other file-reading tests assume. */
const CARDS = 'cards';

/** Every verb a template's buttons send: Action.Execute's own, Action.Submit's in its data. */
function verbsIn(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) for (const child of node) verbsIn(child, found);
  else if (node && typeof node === 'object') {
    const element = node as { type?: unknown; verb?: unknown; data?: { verb?: unknown } };
    if (element.type === 'Action.Execute') found.push(String(element.verb));
    if (element.type === 'Action.Submit' && element.data?.verb !== undefined) found.push(String(element.data.verb));
    for (const child of Object.values(node)) verbsIn(child, found);
  }
  return found;
}

const templates = readdirSync(CARDS).filter((name) => name.endsWith('.json'));
const verbs: string[] = Object.values(Verb);

describe('card verbs', () => {
  it('finds the templates and their buttons', () => {
    expect(templates.length).toBeGreaterThan(5);
    expect(templates.flatMap((name) => verbsIn(JSON.parse(readFileSync(join(CARDS, name), 'utf8'))))).toContain(Verb.approve);
  });

  it.each(templates)('%s sends only verbs named in cards/verbs.ts', (name) => {
    const sent = verbsIn(JSON.parse(readFileSync(join(CARDS, name), 'utf8')));
    expect(sent.filter((verb) => !verbs.includes(verb))).toEqual([]);
  });

  it('has a handler in the router for every verb, and no handler for anything else', () => {
    expect([...ROUTED_VERBS].sort()).toEqual([...verbs].sort());
  });
});
