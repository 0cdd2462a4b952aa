/**
 * API-key checks for the data feed. Keys are compared as SHA-256 digests with
 * crypto.timingSafeEqual: digests are always 32 bytes, so neither the comparison's time nor
 * an early length mismatch tells a caller how much of a key (or how long a key) was right.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

export interface ApiKeyCheck {
  /** The label of the matching key (for the audit log's actor), or null when none matches. */
  match(presented: string): string | null;
}

export function apiKeyCheck(keys: readonly string[]): ApiKeyCheck {
  const known = keys.map((key) => ({ digest: sha256(key), label: keyLabel(key) }));
  return {
    match(presented) {
      const digest = sha256(presented);
      let found: string | null = null;
      // Compare against every key, without stopping at a match, so timing does not say which.
      for (const key of known) {
        if (timingSafeEqual(key.digest, digest) && found === null) found = key.label;
      }
      return found;
    },
  };
}

/** A stable, non-secret name for a key: recorded as the actor of the events it sends. */
export function keyLabel(key: string): string {
  return `key-${sha256(key).toString('hex').slice(0, 6)}`;
}

/** The key in an `Authorization: Bearer <key>` header, or null when there is none. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? '');
  return match ? match[1]! : null;
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
