import type { ProactiveTurn } from './sdk/bot-sdk.js';

/** Teams answers at most 500 members a page. */
const PAGE_SIZE = 500;
/** A roster past this many pages is not read whole, and half a roster would misstate who could read. */
const MAX_PAGES = 20;

export type RosterRead = { readonly ok: true; readonly members: readonly string[] } | { readonly ok: false; readonly reason: string };

function reasonOf(error: unknown): string {
  const e = error as { statusCode?: number; status?: number; response?: { status?: number }; name?: string };
  return String(e.statusCode ?? e.status ?? e.response?.status ?? e.name ?? 'error');
}

/**
 * Who is in the conversation of a proactive turn (a unit's channel): their Entra object ids,
 * the ids the directory and the audit know. A connector that will not list them is a roster
 * unavailable, never a failed delivery: the card went out either way.
 */
export async function readRoster(turn: Pick<ProactiveTurn, 'pagedMembers'>): Promise<RosterRead> {
  const members: string[] = [];
  let continuationToken: string | undefined;
  try {
    for (let page = 0; page < MAX_PAGES; page++) {
      const result = await turn.pagedMembers(PAGE_SIZE, continuationToken);
      members.push(...result.members.map((m) => m.aadObjectId ?? m.id));
      continuationToken = result.continuationToken;
      if (!continuationToken) return { ok: true, members };
    }
    return { ok: false, reason: 'too_many_members' };
  } catch (error) {
    return { ok: false, reason: reasonOf(error) };
  }
}
