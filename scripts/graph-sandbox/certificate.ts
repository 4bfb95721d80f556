import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface SandboxCertificate {
  readonly certPem: string;
  readonly keyPem: string;
  /** The certificate file, which a client names as the CA to trust (it is self-signed). */
  readonly caFile: string;
  remove(): Promise<void>;
}

/**
 * MSAL refuses authorities that are not https, so the sandbox needs a certificate. It is made
 * fresh per start with the openssl CLI, so no private key is ever committed or shared.
 */
export async function createSandboxCertificate(): Promise<SandboxCertificate> {
  const dir = await mkdtemp(join(tmpdir(), 'graph-sandbox-'));
  const certFile = join(dir, 'sandbox-ca.pem');
  const keyFile = join(dir, 'sandbox-key.pem');
  await run('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-days', '2', '-subj', '/CN=Graph sandbox',
    '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
    '-keyout', keyFile, '-out', certFile,
  ]);
  const [certPem, keyPem] = await Promise.all([readFile(certFile, 'utf8'), readFile(keyFile, 'utf8')]);
  return { certPem, keyPem, caFile: certFile, remove: () => rm(dir, { recursive: true, force: true }) };
}
