/**
 * Bolt verifies a request's signature and parses its body, then answers a body that parses
 * to something other than an object (a form with `payload=null`, a JSON array or number)
 * with a 500 from a TypeError in its dispatch. No such body is a Slack request, so it is
 * refused here with a 400 before Bolt sees it. Bolt then reads the same bytes from
 * `req.rawBody` (as it does on Google Cloud), so its signature check is unchanged.
 */
import { parse as parseQuery } from 'node:querystring';
import { HTTPModuleFunctions, type ReceiverProcessEventErrorHandlerArgs } from '@slack/bolt';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';

/** Bolt's own limit on a request body. */
const BODY_LIMIT = '4mb';

export function requestBodyGuard(): RequestHandler[] {
  return [express.raw({ type: () => true, limit: BODY_LIMIT }), check];
}

function check(req: Request, res: Response, next: NextFunction): void {
  if (!Buffer.isBuffer(req.body)) return next();
  (req as Request & { rawBody?: Buffer }).rawBody = req.body;
  const parsed = parsedAsBolt(req.body.toString(), req.get('content-type'));
  if (parsed === undefined || (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))) return next();
  res.status(400).json({ error: 'not a Slack request: the body must be a JSON object or a form' });
}

/** The body as Bolt parses it; undefined when it does not parse (Bolt answers that itself). */
function parsedAsBolt(body: string, contentType: string | undefined): unknown {
  try {
    if (contentType === 'application/x-www-form-urlencoded') {
      const form = parseQuery(body);
      return typeof form.payload === 'string' ? JSON.parse(form.payload) : form;
    }
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/**
 * Bolt reads fields every real Slack interaction has before any listener runs (the team
 * from `team` or `user.team_id`, a non-null `channel`, an event's `channel` or `item`), so
 * a signed body of a known shape without them (a form with only `name`, say) is a
 * TypeError inside Bolt, which it answers 500. That is a bad request, not a fault of ours:
 * answered 400 like the bodies refused above. Any other error keeps Bolt's answer.
 */
export async function notSlackRequestHandler(args: ReceiverProcessEventErrorHandlerArgs): Promise<boolean> {
  const { error, response } = args;
  if (error instanceof TypeError && thrownInsideBolt(error) && !response.headersSent) {
    response.writeHead(400, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ error: 'not a Slack request: it lacks fields every Slack request has' }));
    return true;
  }
  return HTTPModuleFunctions.defaultProcessEventErrorHandler(args);
}

function thrownInsideBolt(error: Error): boolean {
  const top = error.stack?.split('\n').find((line) => line.trimStart().startsWith('at '));
  return top !== undefined && /[\\/]node_modules[\\/]@slack[\\/]bolt[\\/]/.test(top);
}
