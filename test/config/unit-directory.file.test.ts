import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { DirectoryFileError, FileDirectoryProvider, parseUnitDirectory } from '../../src/config/unit-directory-file.js';

const EXAMPLE = 'infra/unit-directory.example.yaml';

describe('unit directory file', () => {
  it('ships an example with at least five units of each kind, all valid', () => {
    const directory = parseUnitDirectory(readFileSync(EXAMPLE, 'utf8'), EXAMPLE);
    expect(directory.units.filter((u) => u.kind === 'social_care').length).toBeGreaterThanOrEqual(5);
    expect(directory.units.filter((u) => u.kind === 'health_care').length).toBeGreaterThanOrEqual(5);
    expect(directory.unitsOf('00000000-0000-4000-8000-000000000101').map((u) => u.id)).toEqual(['perhesosiaalityo']);
    expect(directory.isSupervisorOrDeputy('00000000-0000-4000-8000-000000000201', 'perhesosiaalityo')).toBe(true);
  });

  it('gives each unit its own Yhteistyöaika, in two parts unless it says otherwise, and a health-care unit the one it names', () => {
    const directory = parseUnitDirectory(readFileSync(EXAMPLE, 'utf8'), EXAMPLE);
    expect(directory.casesPerSlotOf('perhesosiaalityo')).toBe(2);
    expect(directory.casesPerSlotOf('vammaispalvelut')).toBe(1);
    expect(directory.yhteistyoaikaUnitOf('perhesosiaalityo')).toBe('perhesosiaalityo');
    expect(directory.yhteistyoaikaUnitOf('neuvolat')).toBe('perhesosiaalityo');
    expect(directory.yhteistyoaikaUnitOf('terveysasemat')).toBe('terveysasemat');
  });

  it('refuses Yhteistyöaika settings that cannot hold: a social-care unit in another’s, a unit that is not there or not social care, parts out of range', () => {
    const example = readFileSync(EXAMPLE, 'utf8');
    const broken = example
      .replace('    casesPerSlot: 1\n', '    casesPerSlot: 5\n    yhteistyoaikaUnit: perhesosiaalityo\n')
      .replace('    yhteistyoaikaUnit: perhesosiaalityo\n    members:\n      - 00000000-0000-4000-8000-000000010010', '    yhteistyoaikaUnit: terveysasemat\n    members:\n      - 00000000-0000-4000-8000-000000010010');
    expect(broken).not.toBe(example);
    const message = (() => {
      try {
        parseUnitDirectory(broken, 'x.yaml');
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).toMatch(/units\.3\.casesPerSlot/);
    expect(message).toMatch(/units\.3\.yhteistyoaikaUnit: only a health-care unit/);
    expect(message).toMatch(/units\.9\.yhteistyoaikaUnit: terveysasemat is not a social-care unit/);
  });

  it('names every problem of an invalid file', () => {
    const text = 'units:\n  - id: Bad Id\n    kind: dental\n    name: { fi: X }\n    supervisors: [nobody]\npeople: []\n';
    expect(() => parseUnitDirectory(text, 'x.yaml')).toThrow(DirectoryFileError);
    try {
      parseUnitDirectory(text, 'x.yaml');
    } catch (error) {
      const message = (error as Error).message;
      for (const path of ['units.0.id', 'units.0.kind', 'units.0.name.sv', 'units.0.supervisors.0']) expect(message).toContain(path);
    }
  });

  it('gives leadership the metrics of every unit or of the units listed, and the others only their own', () => {
    const example = parseUnitDirectory(readFileSync(EXAMPLE, 'utf8'), EXAMPLE);
    const leader = example.leadership[0]!;
    expect(example.person(leader.id)?.name).toBe('Liisa Johtaja');
    expect(example.unitsVisibleTo(leader.id)).toHaveLength(example.units.length);
    expect(example.unitsVisibleTo('00000000-0000-4000-8000-000000000202').map((u) => u.id)).toEqual(['perhesosiaalityo']);
    expect(example.unitsVisibleTo('00000000-0000-4000-8000-000000000101')).toEqual([]);
    const listed = readFileSync(EXAMPLE, 'utf8').replace('    units: all', '    units: [neuvolat, lastensuojelu]');
    expect(parseUnitDirectory(listed, 'x.yaml').unitsVisibleTo(leader.id).map((u) => u.id)).toEqual(['lastensuojelu', 'neuvolat']);
  });

  it('refuses leadership of someone not in people or over a unit that does not exist', () => {
    const broken = `${readFileSync(EXAMPLE, 'utf8')}  - id: 00000000-0000-4000-8000-00000000beef\n    units: [hammashoito]\n`;
    expect(() => parseUnitDirectory(broken, 'x.yaml')).toThrow(/leadership\.1\.id: .* is not in people[\s\S]*leadership\.1\.units\.0: hammashoito is not a unit/);
  });

  it("reads a unit's escalation, and refuses one who is not in people", () => {
    const example = readFileSync(EXAMPLE, 'utf8');
    expect(parseUnitDirectory(example, EXAMPLE).unit('perhesosiaalityo')?.escalation).toEqual(['00000000-0000-4000-8000-000000000301']);
    expect(parseUnitDirectory(example, EXAMPLE).unit('lastensuojelu')?.escalation).toEqual([]);
    const broken = example.replace('escalation: [00000000-0000-4000-8000-000000000301]', 'escalation: [00000000-0000-4000-8000-00000000beef]');
    expect(() => parseUnitDirectory(broken, 'x.yaml')).toThrow(/units\.0\.escalation\.0: .* is not in people/);
  });

  it('names the data protection officers, who must be people of the directory', () => {
    const example = parseUnitDirectory(readFileSync(EXAMPLE, 'utf8'), EXAMPLE);
    const [officer] = example.dataProtectionOfficers;
    expect(example.person(officer!)?.name).toBe('Tuula Tietosuoja');
    expect(example.isDataProtectionOfficer(officer!)).toBe(true);
    expect(example.isDataProtectionOfficer('00000000-0000-4000-8000-000000000201')).toBe(false);
    const broken = readFileSync(EXAMPLE, 'utf8').replace('dataProtectionOfficers:\n', 'dataProtectionOfficers:\n  - 00000000-0000-4000-8000-00000000beef\n');
    expect(() => parseUnitDirectory(broken, 'x.yaml')).toThrow(/dataProtectionOfficers\.0: .* is not in people/);
  });

  it('applies an edit without a restart and keeps the last good directory when an edit is broken', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yt-dir-'));
    const file = join(dir, 'units.yaml');
    const original = readFileSync(EXAMPLE, 'utf8');
    writeFileSync(file, original);
    const errors: Error[] = [];
    const provider = new FileDirectoryProvider(file, (e) => errors.push(e));
    const stop = provider.watch(50);
    try {
      // Let the watcher take its first look at the file before it changes.
      await sleep(200);
      writeFileSync(file, original.replace('fi: Perhesosiaalityö', 'fi: Perheiden sosiaalityö'));
      await waitFor(() => provider.current().unitName('perhesosiaalityo', 'fi') === 'Perheiden sosiaalityö');
      await sleep(100);
      writeFileSync(file, 'units: [');
      await waitFor(() => errors.length > 0);
      expect(provider.current().unitName('perhesosiaalityo', 'fi')).toBe('Perheiden sosiaalityö');
    } finally {
      stop();
    }
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !condition(); i++) await sleep(50);
  expect(condition()).toBe(true);
}
