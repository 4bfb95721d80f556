import { readFileSync, writeFileSync } from 'node:fs';
import { parseUnitDirectory } from '../src/config/unit-directory-file.js';
import { PLAYGROUND_PEOPLE, playgroundConfig } from './playground-config.js';

/** Writes the worker's Playground file at the repository root, for running `agentsplayground` by hand. */
const directory = parseUnitDirectory(readFileSync('infra/unit-directory.example.yaml', 'utf8'), 'example');
writeFileSync('.m365agentsplayground.yml', playgroundConfig(directory, PLAYGROUND_PEOPLE[0]!));
