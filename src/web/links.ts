/**
 * Links to the web pages, signed for one person. A token is `<payload>.<mac>`: the payload
 * (base64url JSON) names the staff member or the picture it opens and when it expires; the
 * mac is an HMAC-SHA256 of it under the bot's web secret (WAYMARK_WEB_SECRET, or a random
 * one for the life of the process). Nothing is stored: a link is good until it expires,
 * and only for the person (or the picture) it was made for.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** How long a link given to a person works (the issue: short-lived, about 15 minutes). */
export const PERSON_LINK_MS = 15 * 60_000;

/** How long a chart posted in a digest can be fetched (chat platforms fetch it again later). */
export const PICTURE_LINK_MS = 8 * 24 * 60 * 60_000;

/** Why a token was refused; every one is answered 401. */
export type Refused = 'missing' | 'malformed' | 'bad-signature' | 'expired' | 'another-person';

interface Payload {
  /** `staff:<id>` for a person's pages, `picture:<name>` for one chart picture. */
  readonly sub: string;
  /** Expiry, milliseconds since the epoch. */
  readonly exp: number;
}

export class LinkSigner {
  private readonly key: Buffer;

  /** `secret` unset: a random key, so links stop working when the process stops. */
  constructor(secret?: string) {
    this.key = secret === undefined ? randomBytes(32) : Buffer.from(secret, 'utf8');
  }

  sign(sub: string, now: Date, ttlMs: number): string {
    const payload = Buffer.from(JSON.stringify({ sub, exp: now.getTime() + ttlMs } satisfies Payload)).toString('base64url');
    return `${payload}.${this.mac(payload)}`;
  }

  /** null when `token` is good for `sub` at `now`; otherwise why not. */
  check(token: unknown, sub: string, now: Date): Refused | null {
    if (typeof token !== 'string' || token === '') return 'missing';
    const [payload, mac, ...rest] = token.split('.');
    if (payload === undefined || mac === undefined || rest.length > 0) return 'malformed';
    const expected = Buffer.from(this.mac(payload), 'base64url');
    const given = Buffer.from(mac, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'bad-signature';
    let claims: Payload;
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Payload;
    } catch {
      return 'malformed';
    }
    if (typeof claims.sub !== 'string' || typeof claims.exp !== 'number') return 'malformed';
    if (claims.exp <= now.getTime()) return 'expired';
    return claims.sub === sub ? null : 'another-person';
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }
}

/** The web pages a link can open. */
export type WebPage =
  | { readonly page: 'register' }
  | { readonly page: 'charts' }
  | { readonly page: 'chronology'; readonly learner: string }
  | { readonly page: 'meeting'; readonly policy: string; readonly meeting: string; readonly date?: string };

/** Where each page lives, under /web/<staff id>/. */
export function pagePath(target: WebPage): string {
  switch (target.page) {
    case 'register':
      return 'register';
    case 'charts':
      return 'charts';
    case 'chronology':
      return `learners/${encodeURIComponent(target.learner)}`;
    case 'meeting':
      return `meetings/${encodeURIComponent(target.policy)}/${encodeURIComponent(target.meeting)}${target.date === undefined ? '' : `?date=${target.date}`}`;
  }
}

/** Makes links to the pages for the bot's public address (WAYMARK_PUBLIC_URL). */
export class WebLinks {
  /** `baseUrl`: the bot's public address, no trailing slash (known once it listens). */
  constructor(
    readonly signer: LinkSigner,
    private readonly baseUrl: () => string,
  ) {}

  /** A link to `target` for `staffId`, working for PERSON_LINK_MS from `now`. */
  forPerson(staffId: string, target: WebPage, now: Date): string {
    const token = this.signer.sign(`staff:${staffId}`, now, PERSON_LINK_MS);
    const path = pagePath(target);
    return `${this.baseUrl()}/web/${encodeURIComponent(staffId)}/${path}${path.includes('?') ? '&' : '?'}t=${token}`;
  }

  /** A chart picture's address, for a chat platform to fetch (no person: nothing restricted in it). */
  forPicture(name: string, now: Date): string {
    return `${this.baseUrl()}/web/pictures/${encodeURIComponent(name)}.png?t=${this.signer.sign(`picture:${name}`, now, PICTURE_LINK_MS)}`;
  }
}
