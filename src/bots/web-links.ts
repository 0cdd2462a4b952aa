/**
 * Links to the web pages, given in chat: `register` typed, or a Register or Chronology
 * button clicked. Each link is signed for the person asking (src/web/links.ts) and goes
 * only to them; the page itself then shows only what they may see. Who may have a link:
 * anyone in the staff directory for the register and charts (the adapters turn away people
 * it does not know); for a learner's chronology, only someone who may see that case, by
 * the rule the case card follows (a role that sees restricted details, or one that may act
 * on the case).
 */
import { casePartsAsOfNow } from '../cases/as-of-now.js';
import { mayViewCase } from '../cases/authorization.js';
import type { CaseContext } from '../cases/case-context.js';
import type { StaffRecord } from '../store/records.js';
import { PERSON_LINK_MS, type WebLinks } from '../web/links.js';
import type { Card } from '../cards/card.js';
import { errorCard } from '../cards/catalogue/query-cards.js';
import { chronologyLinkCard, registerLinkCard, WEB_NOT_SET_UP } from '../cards/catalogue/web-links.js';
import type { PictureUrl } from '../cards/catalogue/digests.js';

export interface LinkDeps {
  readonly ctx: CaseContext;
  /** What signs the links; null when the bot has no public address (WAYMARK_PUBLIC_URL). */
  readonly links: WebLinks | null;
}

const MINUTES = Math.round(PERSON_LINK_MS / 60_000);

/** A meeting's sitting (a digest's): its page is offered beside the register. */
export interface Sitting {
  readonly policy: string;
  readonly meeting: string;
  readonly date?: string;
}

/**
 * `again`: how the person gets a new link once this one has expired, as a sentence. The
 * sitting's page checks for itself that the person sits in that meeting.
 */
export function registerLinks(deps: LinkDeps, staff: StaffRecord, again: string, sitting?: Sitting): Card {
  if (!deps.links) return notSetUp();
  const now = deps.ctx.now();
  const register = deps.links.forPerson(staff.id, { page: 'register' }, now);
  const charts = deps.links.forPerson(staff.id, { page: 'charts' }, now);
  const meeting = sitting && deps.links.forPerson(staff.id, { page: 'meeting', ...sitting }, now);
  return registerLinkCard({ register, charts, ...(meeting ? { meeting } : {}) }, MINUTES, again);
}

export async function chronologyLink(deps: LinkDeps, staff: StaffRecord, learnerId: string, again: string): Promise<Card> {
  if (!deps.links) return notSetUp();
  const parts = await casePartsAsOfNow(deps.ctx, learnerId);
  if (!parts) return errorCard(`There is no learner "${learnerId}".`, 'unknown-learner');
  const refusal = mayViewCase(staff, parts);
  if (refusal) return errorCard(refusal.message, refusal.code);
  const url = deps.links.forPerson(staff.id, { page: 'chronology', learner: learnerId }, deps.ctx.now());
  return chronologyLinkCard(parts.record, url, MINUTES, again);
}

function notSetUp(): Card {
  return errorCard(WEB_NOT_SET_UP, 'web-not-set-up');
}

/**
 * Where a chat platform fetches a chart picture (the digest's), signed for that picture
 * when the message is sent; with no public address, nowhere (the card goes without it).
 */
export function pictureUrls(links: WebLinks | null, now: () => Date): PictureUrl {
  return (name) => (links ? links.forPicture(name, now()) : null);
}
