import { readFileSync } from 'node:fs';
import { parseUnitDirectory } from '../../src/config/unit-directory-file.js';
import type { TestUser } from './bot-harness.js';

/** People of the example directory, by role, so tests read as the process does. */
export const directory = parseUnitDirectory(readFileSync('infra/unit-directory.example.yaml', 'utf8'), 'example');

const person = (id: string): TestUser => ({ aadObjectId: id, name: directory.person(id)!.name });
const unit = (id: string) => directory.unit(id)!;

export const SENDING_DEPUTY = person(unit('perhesosiaalityo').deputies[0]!);
/** Another worker of the sending unit: the one the chair hands the case to. */
export const SENDING_COLLEAGUE = person(unit('perhesosiaalityo').members[1]!);
export const PSYCHIATRY_LEAD = person(unit('lastenpsykiatria').supervisors[0]!);
export const PSYCHIATRY_MEMBER = person(unit('lastenpsykiatria').members[0]!);
/** Another worker of child psychiatry: the one who takes over when the named worker is replaced. */
export const PSYCHIATRY_COLLEAGUE = person(unit('lastenpsykiatria').members[1]!);
export const HEALTH_LEAD = person(unit('terveysasemat').supervisors[0]!);
export const HEALTH_DEPUTY = person(unit('terveysasemat').deputies[0]!);
export const HEALTH_MEMBER = person(unit('terveysasemat').members[1]!);
