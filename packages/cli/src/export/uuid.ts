import { createHash } from 'node:crypto';

/**
 * Our own namespace for name-based UUIDs (RFC 9562 version 5). Fixed for ever:
 * changing it would change every id a council has ever exported, and every
 * directory that took our services would see them all as new.
 */
export const ATLAS_UUID_NAMESPACE = '27c68744-663b-4b29-b404-5cb2753451a8';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/**
 * The version 5 UUID of `name` in `namespace`: the same name gives the same id in
 * every export, on every machine, so a directory that reads our services twice
 * sees the same services, not new ones.
 */
export function uuidv5(name: string, namespace = ATLAS_UUID_NAMESPACE): string {
  const space = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(space).update(name, 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
