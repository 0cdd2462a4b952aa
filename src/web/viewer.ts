/**
 * Who is looking at a page: the staff member the link was signed for, the token that
 * lets their in-page links work, and the moment the page is drawn.
 */
import type { StaffRecord } from '../store/records.js';
import { esc } from '../explain/html.js';
import { pagePath, type WebPage } from './links.js';

export interface Viewer {
  readonly staff: StaffRecord;
  readonly token: string;
  readonly now: Date;
}

/**
 * A link from one page to another for the same viewer (relative to the site, the token
 * carried along), with `query` added; empty values are left out. Already HTML-escaped.
 */
export function href(viewer: Viewer, target: WebPage | 'register.csv', query: Readonly<Record<string, string | undefined>> = {}): string {
  const path = target === 'register.csv' ? 'register.csv' : pagePath(target);
  const [route, existing] = path.split('?');
  const params = new URLSearchParams(existing);
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, v);
  params.set('t', viewer.token);
  return esc(`/web/${encodeURIComponent(viewer.staff.id)}/${route}?${params.toString()}`);
}
