/**
 * The web pages, under /web on the bot's one HTTP server. Every page is for one staff
 * member (/web/<staff id>/...) and needs a link signed for them (links.ts): no token, an
 * expired, changed or another person's token, or a person no longer in the directory is
 * answered 401 with a plain page, and nothing else under /web is served without one.
 * Chart pictures for chat (/web/pictures/...) carry a token signed for the picture.
 */
import { Router, type NextFunction, type Request, type Response } from 'express';
import { refusedPage, problemPage } from './layout.js';
import type { Refused } from './links.js';
import type { Viewer } from './viewer.js';
import type { PageAnswer, PageHandler, WebContext } from './page-types.js';
import { registerPage, registerCsvDownload } from './register-page.js';
import { chronologyPage } from './chronology-page.js';
import { chartsPage, chartPicture } from './charts-page.js';
import { meetingPage } from './meeting-page.js';
import { PictureCache } from './picture-cache.js';

/** What went wrong with a link, for the log (never the token). */
export type RefusalLog = (line: { path: string; reason: Refused | 'unknown-staff' }) => void;

export function webRouter(web: WebContext, logRefusal: RefusalLog = () => {}): Router {
  const router = Router();
  const pictures = new PictureCache();
  router.use('/web', noStore);
  router.get('/web/pictures/:name.png', (req, res, next) => {
    const name = String(req.params.name);
    const reason = web.links.signer.check(req.query.t, `picture:${name}`, web.ctx.now());
    if (reason !== null) return refused(res, req, reason, logRefusal);
    pictures
      .get(name, web.ctx.now().getTime(), () => chartPicture(web, name))
      .then((png) => (png === null ? res.status(404).type('text/plain').send('no such picture') : send(res, { png })))
      .catch(next);
  });
  router.use('/web/:staff', (req, res, next) => void authenticate(web, req, res, next, logRefusal).catch(next));
  const pages: [string, PageHandler][] = [
    ['/web/:staff/register', registerPage],
    ['/web/:staff/register.csv', registerCsvDownload],
    ['/web/:staff/charts', chartsPage],
    ['/web/:staff/learners/:learner', chronologyPage],
    ['/web/:staff/meetings/:policy/:meeting', meetingPage],
  ];
  for (const [path, handler] of pages) {
    router.get(path, (req, res, next) => {
      handler(web, res.locals.viewer as Viewer, req)
        .then((answer) => send(res, answer))
        .catch(next);
    });
  }
  // Signed in, but no such page.
  router.use('/web/:staff', (_req, res) => {
    res.status(404).type('html').send(problemPage(res.locals.viewer as Viewer, 'No such page', 'There is no page here. Use the links at the top.'));
  });
  // No staff id at all: nothing to sign for.
  router.use('/web', (req, res) => refused(res, req, 'missing', logRefusal));
  return router;
}

async function authenticate(web: WebContext, req: Request, res: Response, next: NextFunction, logRefusal: RefusalLog): Promise<void> {
  const staffId = String(req.params.staff);
  const now = web.ctx.now();
  const reason = web.links.signer.check(req.query.t, `staff:${staffId}`, now);
  if (reason !== null) return refused(res, req, reason, logRefusal);
  const staff = await web.ctx.store.getStaff(staffId);
  if (!staff) return refused(res, req, 'unknown-staff', logRefusal);
  res.locals.viewer = { staff, token: String(req.query.t), now } satisfies Viewer;
  next();
}

function refused(res: Response, req: Request, reason: Refused | 'unknown-staff', logRefusal: RefusalLog): void {
  logRefusal({ path: req.path, reason });
  res.status(401).type('html').send(refusedPage());
}

function send(res: Response, answer: PageAnswer): void {
  if ('html' in answer) {
    res.status(answer.status ?? 200).type('html').send(answer.html);
  } else if ('csv' in answer) {
    res.status(200).type('text/csv; charset=utf-8').attachment(answer.filename).send(answer.csv);
  } else {
    res.status(200).type('png').send(answer.png);
  }
}

/**
 * Personal data: never cached, never framed, no scripts at all, the token never sent on
 * in a Referer.
 */
function noStore(_req: Request, res: Response, next: NextFunction): void {
  res.set({
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  });
  next();
}
