import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { EncryptionKey } from '../config/env.js';

/** v2 deflates before sealing: a description's prose halves, and Redis holds every open request. v1 records stay readable. */
const FORMAT = 'v2';
const FORMATS = new Set(['v1', FORMAT]);
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM with a fresh IV per record. The key id travels with the ciphertext so old
 * records stay readable after a rotation, and the record id plus key id are bound in as
 * associated data, so a ciphertext moved onto another record does not decrypt.
 */
export class DescriptionCipher {
  private readonly byId: ReadonlyMap<string, Buffer>;
  private readonly active: EncryptionKey;

  constructor(keys: readonly EncryptionKey[]) {
    const [active] = keys;
    if (!active) throw new Error('DescriptionCipher needs at least one key');
    this.active = active;
    this.byId = new Map(keys.map((k) => [k.id, k.key]));
  }

  seal(recordId: string, plaintext: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.active.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(associatedData(recordId, this.active.id));
    const body = Buffer.concat([cipher.update(deflateRawSync(Buffer.from(plaintext, 'utf8'))), cipher.final()]);
    return [FORMAT, this.active.id, iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join('.');
  }

  open(recordId: string, sealed: string): string {
    const [format, keyId = '', iv = '', tag = '', body = ''] = sealed.split('.');
    const key = this.byId.get(keyId);
    if (!format || !FORMATS.has(format) || !key) throw new Error(`Cannot decrypt record ${recordId}: unknown format or key id`);
    // authTagLength is given explicitly: without it Node accepts a truncated tag.
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'), { authTagLength: TAG_BYTES });
    decipher.setAAD(associatedData(recordId, keyId));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    const plain = Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]);
    return (format === 'v1' ? plain : inflateRawSync(plain)).toString('utf8');
  }
}

const associatedData = (recordId: string, keyId: string) => Buffer.from(`${recordId}|${keyId}`, 'utf8');
