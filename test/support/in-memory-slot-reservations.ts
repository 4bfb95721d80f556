import type { SlotReservations } from '../../src/app/ports.js';
import type { SlotBooking, SlotHold } from '../../src/domain/collaboration/meeting.js';

interface Occurrence {
  parts: number;
  readonly holders: Map<number, string>;
}

/** Yhteistyöaika reservations in memory, as Redis holds them: per unit and date, part index → the request; per person, the meetings they are held in. */
export class InMemorySlotReservations implements SlotReservations {
  private readonly occurrences = new Map<string, Occurrence>();
  private readonly people = new Map<string, { requestId: string; occurrence: string; start: number; end: number }[]>();

  async reserve(booking: SlotBooking, requestId: string): Promise<boolean> {
    const key = `${booking.unitId}|${booking.date}`;
    const occurrence = this.occurrences.get(key);
    if (occurrence && occurrence.holders.size > 0 && occurrence.parts !== booking.parts) return false;
    if (booking.caseIndexes.some((i) => (occurrence?.holders.get(i) ?? requestId) !== requestId)) return false;
    const [start, end] = [Date.parse(booking.start), Date.parse(booking.end)];
    const clash = booking.participants.some((p) => (this.people.get(p) ?? []).some((h) => h.requestId !== requestId && h.start < end && start < h.end));
    if (clash) return false;
    const taken = occurrence ?? { parts: booking.parts, holders: new Map<number, string>() };
    taken.parts = booking.parts;
    for (const i of booking.caseIndexes) taken.holders.set(i, requestId);
    this.occurrences.set(key, taken);
    for (const p of booking.participants) {
      const held = (this.people.get(p) ?? []).filter((h) => !(h.requestId === requestId && h.occurrence === key));
      this.people.set(p, [...held, { requestId, occurrence: key, start, end }]);
    }
    return true;
  }

  async release(hold: SlotHold, requestId: string): Promise<void> {
    const key = `${hold.unitId}|${hold.date}`;
    const occurrence = this.occurrences.get(key);
    for (const i of hold.caseIndexes) if (occurrence?.holders.get(i) === requestId) occurrence.holders.delete(i);
    if ([...(occurrence?.holders.values() ?? [])].includes(requestId)) return;
    for (const [p, held] of this.people) this.people.set(p, held.filter((h) => !(h.requestId === requestId && h.occurrence === key)));
  }

  async bookedBetween(unitId: string, fromDate: string, toDate: string): Promise<{ date: string; index: number; parts: number; requestId: string }[]> {
    return [...this.occurrences]
      .map(([key, occurrence]) => ({ unit: key.split('|')[0]!, date: key.split('|')[1]!, occurrence }))
      .filter(({ unit, date }) => unit === unitId && fromDate <= date && date <= toDate)
      .sort((a, b) => a.date.localeCompare(b.date))
      .flatMap(({ date, occurrence }) => [...occurrence.holders].map(([index, requestId]) => ({ date, index, parts: occurrence.parts, requestId })));
  }

  async peopleHeld(personIds: readonly string[], fromIso: string, toIso: string, exceptRequestId: string): Promise<{ personId: string; start: string; end: string }[]> {
    const [from, to] = [Date.parse(fromIso), Date.parse(toIso)];
    return personIds.flatMap((personId) =>
      (this.people.get(personId) ?? [])
        .filter((h) => h.requestId !== exceptRequestId && h.start < to && from < h.end)
        .map((h) => ({ personId, start: new Date(h.start).toISOString(), end: new Date(h.end).toISOString() })),
    );
  }

  async rehold(requestId: string, participants: readonly string[]): Promise<void> {
    const holds = [...this.people.values()].flat().filter((h) => h.requestId === requestId);
    const times = [...new Map(holds.map((h) => [h.occurrence, h])).values()];
    for (const [person, held] of this.people) this.people.set(person, held.filter((h) => h.requestId !== requestId));
    for (const time of times) for (const person of participants) this.people.set(person, [...(this.people.get(person) ?? []), { ...time }]);
  }

  async heldBy(requestId: string, fromDate: string): Promise<SlotHold[]> {
    return [...this.occurrences]
      .map(([key, occurrence]) => ({ unitId: key.split('|')[0]!, date: key.split('|')[1]!, caseIndexes: [...occurrence.holders].flatMap(([index, holder]) => (holder === requestId ? [index] : [])).sort((a, b) => a - b) }))
      .filter((held) => fromDate <= held.date && held.caseIndexes.length > 0)
      .sort((a, b) => a.date.localeCompare(b.date));
  }

  /** Who holds a part of a unit's occurrence (the usual request's sending unit's, unless another is named). */
  holder(date: string, index: number, unitId = 'perhesosiaalityo'): string | undefined {
    return this.occurrences.get(`${unitId}|${date}`)?.holders.get(index);
  }

  /** Holds parts for a request, as a test's starting point: two parts, nobody in them, the usual sending unit's. */
  hold(date: string, caseIndexes: readonly number[], requestId: string, unitId = 'perhesosiaalityo'): Promise<boolean> {
    return this.reserve({ unitId, date, caseIndexes, parts: 2, start: `${date}T10:00:00.000Z`, end: `${date}T11:30:00.000Z`, participants: [] }, requestId);
  }
}
