import { rmSync } from 'node:fs';
import { bundleApp } from './app-bundle.js';

/** Every vitest run: the bot and worker processes tests start run from one bundle made here. */
export default async function setup(): Promise<() => void> {
  const dir = await bundleApp();
  return () => rmSync(dir, { recursive: true, force: true });
}
