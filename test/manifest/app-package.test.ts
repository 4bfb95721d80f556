import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import AdmZip from 'adm-zip';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import {
  buildAppPackage,
  COMMAND_DESCRIPTION_MAX,
  COMMAND_TITLE_MAX,
  FAKE_GUID,
  iconProblems,
  packageValues,
  schemaProblems,
  translatableTexts,
  type AppPackage,
  type PackageValues,
} from '../../scripts/app-package.js';
import { drawColorIcon, drawOutlineIcon } from '../../scripts/icons.js';
import { absenceOf, channelIntentOf, pausePeriodOf, reportIntentOf, textIntentOf } from '../../src/bot/text-commands.js';

const VALUES: PackageValues = {
  BOT_ID: '6f1d2c3b-4a59-4e8d-9c7b-1a2b3c4d5e6f',
  TAB_SSO_APP_ID: '6f1d2c3b-4a59-4e8d-9c7b-1a2b3c4d5e6f',
  TEAMS_APP_ID: 'b7e0c9a1-2d34-4f56-8a9b-0c1d2e3f4a5b',
  BOT_DOMAIN: 'yhteistyo.hyvinvointialue.example',
  APP_VERSION: '1.4.2',
};
const LANGUAGE_FILES = ['sv.json', 'en.json'];
const PAUSE_PERIOD = ' 2026-12-21..2027-01-03';

const scratch = mkdtempSync(path.join(tmpdir(), 'app-package-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function build(values: PackageValues = VALUES, dir?: string): Promise<AppPackage> {
  const built = await buildAppPackage(values, dir);
  if (!built.ok) throw new Error(built.error.join('\n'));
  return built.value;
}

const jsonOf = (pkg: AppPackage, file: string) => JSON.parse(String(pkg.files.get(file))) as Record<string, unknown>;

type Manifest = Parameters<typeof translatableTexts>[0] & Record<string, unknown>;

/** A copy of manifest/ with one file changed, for the packager to refuse. */
function tamperedCopy(file: string, change: (json: Record<string, unknown>) => void): string {
  const dir = mkdtempSync(path.join(scratch, 'manifest-'));
  cpSync('manifest', dir, { recursive: true });
  const json = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Record<string, unknown>;
  change(json);
  writeFileSync(path.join(dir, file), JSON.stringify(json));
  return dir;
}

describe('the Teams app package', () => {
  it('fills every placeholder of the templates and leaves none in the package', async () => {
    const template = readFileSync('manifest/manifest.json', 'utf8');
    for (const name of Object.keys(VALUES)) expect(template).toContain(`\${{${name}}}`);
    const pkg = await build();
    for (const [file, content] of pkg.files) if (file.endsWith('.json')) expect(String(content), file).not.toContain('${{');
    expect(pkg.manifest).toMatchObject({
      id: VALUES.TEAMS_APP_ID,
      version: VALUES.APP_VERSION,
      bots: [{ botId: VALUES.BOT_ID, scopes: ['personal', 'team'] }],
      webApplicationInfo: { id: VALUES.BOT_ID, resource: `api://${VALUES.BOT_DOMAIN}/${VALUES.BOT_ID}` },
    });
  });

  it('validates the filled manifest offline against the shipped schema of its own manifest version', async () => {
    const { manifest } = await build();
    expect(manifest.$schema).toBe(`https://developer.microsoft.com/json-schemas/teams/v${String(manifest.manifestVersion)}/MicrosoftTeams.schema.json`);
    expect(await schemaProblems('manifest.json', manifest)).toEqual([]);
  });

  it('reports what the schema forbids, so a passing validation means something', async () => {
    const { manifest } = await build();
    const broken = { ...manifest, accentColor: 'teal', webApplicationInfo: { id: 'not-a-guid' } };
    const problems = await schemaProblems('manifest.json', broken);
    expect(problems.some((p) => p.includes('/accentColor'))).toBe(true);
    expect(problems.some((p) => p.includes('/webApplicationInfo/id'))).toBe(true);
  });

  it.each(LANGUAGE_FILES)('validates %s against its schema and translates exactly the default commands and tab', async (file) => {
    const pkg = await build();
    const localization = jsonOf(pkg, file);
    expect(await schemaProblems(file, localization)).toEqual([]);
    const translated = Object.keys(localization).filter((key) => /^(bots|staticTabs)\[/.test(key));
    expect(translated.sort()).toEqual([...translatableTexts(pkg.manifest as Manifest).keys()].sort());
  });

  it('keeps command titles and descriptions within what Teams shows, in every language', async () => {
    const pkg = await build();
    const files = [['manifest.json', translatableTexts(pkg.manifest as Manifest)] as const, ...LANGUAGE_FILES.map((f) => [f, new Map(Object.entries(jsonOf(pkg, f)))] as const)];
    for (const [file, texts] of files) {
      for (const [key, text] of texts) {
        if (!key.includes('.commands[')) continue;
        const max = key.endsWith('.title') ? COMMAND_TITLE_MAX : COMMAND_DESCRIPTION_MAX;
        expect(String(text).length, `${file} ${key}`).toBeLessThanOrEqual(max);
      }
    }
    expect([COMMAND_TITLE_MAX, COMMAND_DESCRIPTION_MAX]).toEqual([32, 128]);
  });

  it('offers only commands the bot understands: requests, reports, pauses and absences in personal chat, linking in channels', async () => {
    const pkg = await build();
    const lists = (pkg.manifest as { bots: { commandLists: { scopes: string[] }[] }[] }).bots[0]!.commandLists;
    expect(lists.map((list) => list.scopes)).toEqual([['personal'], ['team']]);
    for (const file of ['manifest.json', ...LANGUAGE_FILES]) {
      const texts = file === 'manifest.json' ? translatableTexts(pkg.manifest as Manifest) : new Map(Object.entries(jsonOf(pkg, file) as Record<string, string>));
      const titles = (list: number) => [...texts].filter(([key]) => key.startsWith(`bots[0].commandLists[${list}]`) && key.endsWith('.title')).map(([, title]) => title);
      for (const title of titles(0)) {
        const understood = textIntentOf(title) ?? reportIntentOf(title) ?? pausePeriodOf(title + PAUSE_PERIOD) ?? absenceOf(title + PAUSE_PERIOD);
        expect(understood, `${file}: "${title}"`).toBeDefined();
      }
      expect(titles(1).map(channelIntentOf), file).toEqual(['link', 'unlink']);
    }
  });

  it('opens the metrics, caseload and audit trail tabs, and trusts only the domain, from PUBLIC_BASE_URL', async () => {
    const values = packageValues(
      { MicrosoftAppId: VALUES.BOT_ID, TEAMS_APP_ID: VALUES.TEAMS_APP_ID, PUBLIC_BASE_URL: 'https://yt.hyvinvointialue.example/' },
      { local: false, version: '0.1.0' },
    );
    if (!values.ok) throw new Error(values.error.join('\n'));
    expect(values.value.BOT_DOMAIN).toBe('yt.hyvinvointialue.example');
    const { manifest } = await build(values.value);
    expect(manifest.staticTabs).toEqual([
      { entityId: 'metrics', name: 'Mittarit', contentUrl: 'https://yt.hyvinvointialue.example/tab/metrics?lang={locale}', scopes: ['personal'] },
      { entityId: 'caseload', name: 'Omat asiat', contentUrl: 'https://yt.hyvinvointialue.example/tab/caseload?lang={locale}', scopes: ['personal'] },
      { entityId: 'audit', name: 'Loki', contentUrl: 'https://yt.hyvinvointialue.example/tab/audit?lang={locale}', scopes: ['personal'] },
    ]);
    expect(manifest.validDomains).toEqual(['yt.hyvinvointialue.example']);
    expect(manifest.webApplicationInfo).toEqual({ id: VALUES.BOT_ID, resource: `api://yt.hyvinvointialue.example/${VALUES.BOT_ID}` });
  });

  it("signs the tab in with an app registration of its own when the bot runs as a managed identity", async () => {
    const tabApp = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
    const values = packageValues(
      { MicrosoftAppId: VALUES.BOT_ID, TAB_SSO_APP_ID: tabApp, TEAMS_APP_ID: VALUES.TEAMS_APP_ID, PUBLIC_BASE_URL: 'https://yt.hyvinvointialue.example' },
      { local: false, version: '0.1.0' },
    );
    if (!values.ok) throw new Error(values.error.join('\n'));
    const { manifest } = await build(values.value);
    expect(manifest.webApplicationInfo).toEqual({ id: tabApp, resource: `api://yt.hyvinvointialue.example/${tabApp}` });
    expect((manifest.bots as { botId: string }[])[0]!.botId).toBe(VALUES.BOT_ID);
  });

  it('lists every missing setting at once, and fills in fake ids and localhost only for --local', () => {
    const refused = packageValues({ MicrosoftAppId: '', PORT: '4000' }, { local: false, version: '0.1.0' });
    expect(refused.ok ? [] : refused.error.map((problem) => problem.split(' ')[0])).toEqual(['MicrosoftAppId', 'TEAMS_APP_ID', 'PUBLIC_BASE_URL']);
    expect(packageValues({ MicrosoftAppId: '', PORT: '4000' }, { local: true, version: '0.1.0' })).toEqual({
      ok: true,
      value: { BOT_ID: FAKE_GUID, TAB_SSO_APP_ID: FAKE_GUID, TEAMS_APP_ID: FAKE_GUID, BOT_DOMAIN: 'localhost:4000', APP_VERSION: '0.1.0' },
    });
  });

  it('refuses a PUBLIC_BASE_URL that Teams cannot load a tab from or that has a path', () => {
    const ids = { MicrosoftAppId: VALUES.BOT_ID, TEAMS_APP_ID: VALUES.TEAMS_APP_ID };
    for (const base of ['http://yt.hyvinvointialue.example', 'https://hyvinvointialue.example/yhteistyo', 'yt.hyvinvointialue.example']) {
      expect(packageValues({ ...ids, PUBLIC_BASE_URL: base }, { local: false, version: '0.1.0' }).ok, base).toBe(false);
    }
  });

  it('refuses to build while a placeholder has no value, naming where it is', async () => {
    const built = await buildAppPackage({ ...VALUES, BOT_DOMAIN: '' });
    expect(built.ok ? [] : built.error).toContain('manifest.json: no value for validDomains[0]: ${{BOT_DOMAIN}}');
  });

  it('refuses a language file that misses a command or has a title Teams would cut', async () => {
    const missing = tamperedCopy('sv.json', (json) => delete json['bots[0].commandLists[1].commands[1].title']);
    const tooLong = tamperedCopy('en.json', (json) => (json['bots[0].commandLists[0].commands[0].title'] = 'new collaboration request, please'));
    const [withoutCommand, withLongTitle] = await Promise.all([buildAppPackage(VALUES, missing), buildAppPackage(VALUES, tooLong)]);
    expect(withoutCommand.ok ? [] : withoutCommand.error).toEqual(['sv.json: no translation for bots[0].commandLists[1].commands[1].title']);
    expect(withLongTitle.ok ? [] : withLongTitle.error).toEqual(['en.json: bots[0].commandLists[0].commands[0].title is 33 characters, Teams shows 32']);
  });

  it('has a 192×192 colour icon and a 32×32 outline icon that is only white on transparent', () => {
    const color = PNG.sync.read(readFileSync('manifest/color.png'));
    const outline = PNG.sync.read(readFileSync('manifest/outline.png'));
    expect([color.width, color.height, outline.width, outline.height]).toEqual([192, 192, 32, 32]);
    let visible = 0;
    for (let offset = 0; offset < outline.data.length; offset += 4) {
      const [r, g, b, a] = outline.data.subarray(offset, offset + 4);
      if (a === 0) continue;
      visible++;
      expect([r, g, b], `pixel ${offset / 4}`).toEqual([255, 255, 255]);
    }
    expect(visible).toBeGreaterThan(100);
  });

  it('refuses an outline icon with a coloured pixel or of the wrong size', () => {
    const outline = PNG.sync.read(readFileSync('manifest/outline.png'));
    expect(iconProblems('outline', 'outline.png', readFileSync('manifest/outline.png'))).toEqual([]);
    outline.data.set([200, 30, 30, 255], (16 * 32 + 16) * 4);
    expect(iconProblems('outline', 'outline.png', PNG.sync.write(outline))).toEqual(['outline.png has 1 pixels that are neither white nor fully transparent']);
    expect(iconProblems('color', 'color.png', readFileSync('manifest/outline.png'))).toEqual(['color.png is 32×32, the color icon must be 192×192']);
  });

  it('commits the icons that scripts/icons.ts draws', () => {
    expect(PNG.sync.read(readFileSync('manifest/color.png')).data.equals(drawColorIcon().data)).toBe(true);
    expect(PNG.sync.read(readFileSync('manifest/outline.png')).data.equals(drawOutlineIcon().data)).toBe(true);
  });

  it('zips exactly the filled manifest, both language files and both icons at the root', async () => {
    const pkg = await build();
    const entries = new AdmZip(pkg.zip).getEntries();
    expect(entries.map((entry) => entry.entryName).sort()).toEqual(['color.png', 'en.json', 'manifest.json', 'outline.png', 'sv.json']);
    const entry = (name: string) => entries.find((e) => e.entryName === name)!.getData();
    expect(JSON.parse(String(entry('manifest.json')))).toEqual(pkg.manifest);
    expect(entry('color.png').equals(readFileSync('manifest/color.png'))).toBe(true);
    expect(entry('outline.png').equals(readFileSync('manifest/outline.png'))).toBe(true);
    for (const file of LANGUAGE_FILES) expect(JSON.parse(String(entry(file)))).toEqual(JSON.parse(readFileSync(`manifest/${file}`, 'utf8')));
  });
});

describe('npm run package', () => {
  const run = (args: string[], env: Record<string, string>) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'scripts/package-app.ts', ...args], { env: { ...process.env, ...env }, encoding: 'utf8' });
  const settings = { MicrosoftAppId: '', TEAMS_APP_ID: VALUES.TEAMS_APP_ID, PUBLIC_BASE_URL: 'https://yt.hyvinvointialue.example' };

  it('refuses without MicrosoftAppId unless --local, and writes nothing', () => {
    const out = path.join(scratch, 'refused.zip');
    const result = run(['--out', out], settings);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('No app package was written');
    expect(result.stderr).toContain('MicrosoftAppId is empty');
    expect(existsSync(out)).toBe(false);
  });

  it('writes a package with a fake bot id when --local is passed', () => {
    const out = path.join(scratch, 'local.zip');
    const result = run(['--local', '--out', out], settings);
    expect(result.status, result.stderr).toBe(0);
    const manifest = JSON.parse(String(new AdmZip(out).getEntry('manifest.json')!.getData())) as { bots: { botId: string }[]; id: string };
    expect([manifest.bots[0]!.botId, manifest.id]).toEqual([FAKE_GUID, VALUES.TEAMS_APP_ID]);
  });
});
