/**
 * What the web pages are given and what they answer (web-router.ts routes to them).
 */
import type { Request } from 'express';
import type { CaseContext } from '../cases/case-context.js';
import type { WebLinks } from './links.js';
import type { Viewer } from './viewer.js';

export interface WebContext {
  readonly ctx: CaseContext;
  readonly links: WebLinks;
}

/** What a page handler answers: a page, a download, or a picture. */
export type PageAnswer =
  | { readonly html: string; readonly status?: number }
  | { readonly csv: string; readonly filename: string }
  | { readonly png: Buffer };

export type PageHandler = (web: WebContext, viewer: Viewer, req: Request) => Promise<PageAnswer>;
