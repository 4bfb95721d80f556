import type { Locale, LocalizedText } from '../locale.js';

export type UnitKind = 'social_care' | 'health_care';

export interface Unit {
  readonly id: string;
  readonly kind: UnitKind;
  readonly name: LocalizedText;
  readonly supervisors: readonly string[];
  readonly deputies: readonly string[];
  readonly members: readonly string[];
  /** Who approves what the unit's only lead files: four eyes need someone else. */
  readonly escalation?: readonly string[] | undefined;
  /** The unit's own Yhteistyöaika: case meetings per occurrence (1: every case takes the whole of it). */
  readonly casesPerSlot?: number | undefined;
  /** A health-care unit's requests meet in this social-care unit's Yhteistyöaika; without it, in the unit's own. */
  readonly yhteistyoaikaUnit?: string | undefined;
}

/** Two 45-minute case meetings in the 90 minutes, as the seed's pilot had them. */
export const DEFAULT_CASES_PER_SLOT = 2;

/** A worker of the county; contact details are the worker's own, never a client's. */
export interface Person {
  readonly id: string;
  readonly name: string;
  readonly email?: string | undefined;
  readonly phone?: string | undefined;
}

/** Leadership sees the metrics of units they do not lead: every unit, or the ones listed. */
export interface LeadershipGrant {
  readonly id: string;
  readonly units: 'all' | readonly string[];
}

/** People are identified by their Entra ID object id (aadObjectId), the id Teams asserts. */
export class UnitDirectory {
  private readonly unitsById: ReadonlyMap<string, Unit>;
  private readonly peopleById: ReadonlyMap<string, Person>;

  constructor(
    readonly units: readonly Unit[],
    people: readonly Person[],
    readonly leadership: readonly LeadershipGrant[] = [],
    /** The county's data protection officers (tietosuojavastaava): they answer a client's question of who processed their data. */
    readonly dataProtectionOfficers: readonly string[] = [],
  ) {
    this.unitsById = new Map(units.map((u) => [u.id, u]));
    this.peopleById = new Map(people.map((p) => [p.id, p]));
  }

  unit(id: string): Unit | undefined {
    return this.unitsById.get(id);
  }

  person(id: string): Person | undefined {
    return this.peopleById.get(id);
  }

  /** Units a person belongs to in any role, in directory order. */
  unitsOf(personId: string): Unit[] {
    return this.units.filter(
      (u) => u.members.includes(personId) || u.supervisors.includes(personId) || u.deputies.includes(personId),
    );
  }

  /** Units that name the person as their escalation, in directory order. */
  unitsEscalatedTo(personId: string): Unit[] {
    return this.units.filter((u) => u.escalation?.includes(personId));
  }

  /**
   * Who approves what `filerId` sends from a unit: its supervisors and deputies but the filer,
   * or, when the filer is its only lead, the unit's escalation. Nobody approves their own request.
   */
  approversFor(unitId: string, filerId: string): string[] {
    const unit = this.unit(unitId);
    if (!unit) return [];
    const others = (ids: readonly string[]) => [...new Set(ids)].filter((id) => id !== filerId);
    const leads = others([...unit.supervisors, ...unit.deputies]);
    return leads.length > 0 ? leads : others(unit.escalation ?? []);
  }

  isSupervisorOrDeputy(personId: string, unitId: string): boolean {
    const unit = this.unit(unitId);
    return unit !== undefined && (unit.supervisors.includes(personId) || unit.deputies.includes(personId));
  }

  /** Units the person leads as supervisor or deputy, in directory order. */
  unitsLedBy(personId: string): Unit[] {
    return this.units.filter((u) => this.isSupervisorOrDeputy(personId, u.id));
  }

  /** Units whose metrics a person may see, in directory order: those they lead and those leadership grants them. */
  unitsVisibleTo(personId: string): Unit[] {
    const grants = this.leadership.filter((l) => l.id === personId);
    return this.units.filter(
      (u) => this.isSupervisorOrDeputy(personId, u.id) || grants.some((g) => g.units === 'all' || g.units.includes(u.id)),
    );
  }

  /**
   * Whose Yhteistyöaika a request of this sending unit meets in: each social-care unit holds its
   * own, and a health-care unit the one the directory names for it (else its own).
   */
  yhteistyoaikaUnitOf(sendingUnitId: string): string {
    return this.unit(sendingUnitId)?.yhteistyoaikaUnit ?? sendingUnitId;
  }

  casesPerSlotOf(unitId: string): number {
    return this.unit(unitId)?.casesPerSlot ?? DEFAULT_CASES_PER_SLOT;
  }

  isDataProtectionOfficer(personId: string): boolean {
    return this.dataProtectionOfficers.includes(personId);
  }

  unitName(id: string, locale: Locale): string | undefined {
    return this.unit(id)?.name[locale];
  }
}
