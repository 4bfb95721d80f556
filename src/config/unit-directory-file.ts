import { readFileSync, unwatchFile, watchFile } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { DirectoryProvider } from '../app/ports.js';
import { UnitDirectory } from '../domain/units/unit-directory.js';

const objectId = z.string().uuid();
const localized = z.object({ fi: z.string().min(1), sv: z.string().min(1), en: z.string().min(1) });

const directorySchema = z
  .object({
    units: z
      .array(
        z.object({
          id: z.string().regex(/^[a-z0-9-]{2,40}$/, 'lowercase letters, digits and "-"'),
          kind: z.enum(['social_care', 'health_care']),
          name: localized,
          supervisors: z.array(objectId).min(1),
          deputies: z.array(objectId).default([]),
          members: z.array(objectId).default([]),
          /** Who approves what the unit's only lead sends (four eyes): e.g. the head of the service area. */
          escalation: z.array(objectId).default([]),
          /** Case meetings per Yhteistyöaika of the unit: 1 (each case takes the 90 minutes) to 3 (30 minutes each). */
          casesPerSlot: z.number().int().min(1).max(3).optional(),
          /** For a health-care unit: the social-care unit whose Yhteistyöaika its requests meet in. */
          yhteistyoaikaUnit: z.string().optional(),
        }),
      )
      .min(1),
    people: z.array(
      z.object({
        id: objectId,
        name: z.string().min(1),
        email: z.string().email().optional(),
        phone: z.string().optional(),
      }),
    ),
    /** People who see metrics of units they do not lead: `all`, or the units listed. */
    leadership: z
      .array(z.object({ id: objectId, units: z.union([z.literal('all'), z.array(z.string()).min(1)]) }))
      .default([]),
    /** The county's data protection officers, who read a request's audit trail. */
    dataProtectionOfficers: z.array(objectId).default([]),
  })
  .superRefine((dir, ctx) => {
    const unitIds = new Set<string>();
    dir.units.forEach((u, i) => {
      if (unitIds.has(u.id)) ctx.addIssue({ code: 'custom', path: ['units', i, 'id'], message: `duplicate unit id ${u.id}` });
      unitIds.add(u.id);
    });
    dir.units.forEach((u, i) => {
      if (u.yhteistyoaikaUnit === undefined) return;
      const host = dir.units.find((h) => h.id === u.yhteistyoaikaUnit);
      const path = ['units', i, 'yhteistyoaikaUnit'];
      if (u.kind !== 'health_care') ctx.addIssue({ code: 'custom', path, message: 'only a health-care unit meets in another unit’s Yhteistyöaika; a social-care unit holds its own' });
      else if (!host) ctx.addIssue({ code: 'custom', path, message: `${u.yhteistyoaikaUnit} is not a unit` });
      else if (host.kind !== 'social_care') ctx.addIssue({ code: 'custom', path, message: `${u.yhteistyoaikaUnit} is not a social-care unit` });
    });
    const people = new Set(dir.people.map((p) => p.id));
    dir.units.forEach((u, i) => {
      for (const role of ['supervisors', 'deputies', 'members', 'escalation'] as const) {
        u[role].forEach((id, j) => {
          if (!people.has(id)) ctx.addIssue({ code: 'custom', path: ['units', i, role, j], message: `${id} is not in people` });
        });
      }
    });
    dir.leadership.forEach((grant, i) => {
      if (!people.has(grant.id)) ctx.addIssue({ code: 'custom', path: ['leadership', i, 'id'], message: `${grant.id} is not in people` });
      if (grant.units === 'all') return;
      grant.units.forEach((id, j) => {
        if (!unitIds.has(id)) ctx.addIssue({ code: 'custom', path: ['leadership', i, 'units', j], message: `${id} is not a unit` });
      });
    });
    dir.dataProtectionOfficers.forEach((id, i) => {
      if (!people.has(id)) ctx.addIssue({ code: 'custom', path: ['dataProtectionOfficers', i], message: `${id} is not in people` });
    });
  });

export class DirectoryFileError extends Error {
  override readonly name = 'DirectoryFileError';
}

/** Parses a directory file (YAML or JSON, YAML being a superset), listing every problem. */
export function parseUnitDirectory(text: string, source: string): UnitDirectory {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    throw new DirectoryFileError(`${source}: not valid YAML/JSON: ${(error as Error).message}`);
  }
  const parsed = directorySchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new DirectoryFileError(`${source}: invalid unit directory:\n${problems}`);
  }
  const { units, people, leadership, dataProtectionOfficers } = parsed.data;
  return new UnitDirectory(units, people, leadership, dataProtectionOfficers);
}

/**
 * The directory file stays the source of units, people and roles. Edits apply without a
 * restart; an edit that does not validate is reported and the last good directory stays.
 */
export class FileDirectoryProvider implements DirectoryProvider {
  private directory: UnitDirectory;

  constructor(
    private readonly path: string,
    private readonly onReloadError: (error: Error) => void,
  ) {
    this.directory = parseUnitDirectory(readFileSync(path, 'utf8'), path);
  }

  current(): UnitDirectory {
    return this.directory;
  }

  watch(intervalMs = 2000): () => void {
    const reload = () => {
      try {
        this.directory = parseUnitDirectory(readFileSync(this.path, 'utf8'), this.path);
      } catch (error) {
        this.onReloadError(error as Error);
      }
    };
    watchFile(this.path, { interval: intervalMs, persistent: false }, reload);
    return () => unwatchFile(this.path, reload);
  }
}
