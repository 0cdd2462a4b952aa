/**
 * Web links are signed for one person and short-lived: no token, an expired, tampered or
 * another person's token, or a person not in the directory is a 401 with a plain page, and
 * nothing under /web is served without a token.
 */
import { LinkSigner, PERSON_LINK_MS } from '../../src/web/links.js';
import { COACH_A, COACH_B, openWebFixture, SECRET_NOTE, type WebFixture } from './web-fixture.js';

let fx: WebFixture;
beforeAll(async () => {
  fx = await openWebFixture('web-links');
}, 120_000);
afterAll(() => fx.close());

const pathOf = (url: string) => url.slice(fx.served.url.length);

async function get(url: string): Promise<{ status: number; text: string; headers: Headers }> {
  const response = await fetch(url, { redirect: 'manual' });
  return { status: response.status, text: await response.text(), headers: response.headers };
}

test('a link signed for a person opens their register, with no caching or framing', async () => {
  const page = await get(fx.link(COACH_A, { page: 'register' }));
  expect(page.status).toBe(200);
  expect(page.headers.get('cache-control')).toBe('no-store');
  expect(page.headers.get('referrer-policy')).toBe('no-referrer');
  expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
});

describe('refused with 401 and a plain page', () => {
  const refusals: [string, () => string][] = [
    ['no token', () => pathOf(fx.link(COACH_A, { page: 'register' })).replace(/\?t=.*$/, '')],
    ['an empty token', () => pathOf(fx.link(COACH_A, { page: 'register' })).replace(/\?t=.*$/, '?t=')],
    ['a token with its signature changed', () => {
      const url = pathOf(fx.link(COACH_A, { page: 'register' }));
      return url.slice(0, -2) + (url.endsWith('AA') ? 'BB' : 'AA');
    }],
    ['a token with its payload changed to another person', () => {
      const url = pathOf(fx.link(COACH_A, { page: 'register' }));
      const [payload, mac] = new URL(fx.served.url + url).searchParams.get('t')!.split('.');
      const forged = Buffer.from(Buffer.from(payload!, 'base64url').toString().replace(COACH_A, COACH_B)).toString('base64url');
      return `/web/${encodeURIComponent(COACH_B)}/register?t=${forged}.${mac}`;
    }],
    ['another person\'s token', () => {
      const token = new URL(fx.link(COACH_A, { page: 'register' })).searchParams.get('t')!;
      return `/web/${encodeURIComponent(COACH_B)}/register?t=${token}`;
    }],
    ['a token signed with another key', () => {
      const token = new LinkSigner('another-secret-that-is-long-enough-xyz').sign(`staff:${COACH_A}`, fx.provider.now, PERSON_LINK_MS);
      return `/web/${encodeURIComponent(COACH_A)}/register?t=${token}`;
    }],
    ['an expired token', () => {
      const token = fx.links.signer.sign(`staff:${COACH_A}`, new Date(fx.provider.now.getTime() - PERSON_LINK_MS - 1), PERSON_LINK_MS);
      return `/web/${encodeURIComponent(COACH_A)}/register?t=${token}`;
    }],
    ['a picture\'s token used for a person\'s page', () => {
      const token = fx.links.signer.sign(`picture:at-risk`, fx.provider.now, PERSON_LINK_MS);
      return `/web/${encodeURIComponent(COACH_A)}/register?t=${token}`;
    }],
    ['a person who is not in the directory', () => {
      const token = fx.links.signer.sign('staff:ghost@example.org', fx.provider.now, PERSON_LINK_MS);
      return `/web/ghost%40example.org/register?t=${token}`;
    }],
    ['the chronology without a token', () => '/web/' + encodeURIComponent(COACH_A) + '/learners/L-3'],
    ['a page that does not exist, without a token', () => '/web/' + encodeURIComponent(COACH_A) + '/nothing-here'],
    ['the web root', () => '/web'],
    ['a picture without a token', () => '/web/pictures/at-risk.png'],
  ];
  test.each(refusals)('%s', async (_name, path) => {
    const page = await get(fx.served.url + path());
    expect(page.status).toBe(401);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.text).toContain('This link is not valid');
    expect(page.text).not.toContain('Mia Jones');
    expect(page.text).not.toContain(SECRET_NOTE);
  });
});

test('a link stops working 15 minutes after it was given', async () => {
  const url = fx.link(COACH_A, { page: 'register' });
  const given = fx.provider.now;
  try {
    fx.provider.now = new Date(given.getTime() + PERSON_LINK_MS - 1_000);
    expect((await get(url)).status).toBe(200);
    fx.provider.now = new Date(given.getTime() + PERSON_LINK_MS);
    expect((await get(url)).status).toBe(401);
  } finally {
    fx.provider.now = given;
  }
});
