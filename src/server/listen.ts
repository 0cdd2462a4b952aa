/**
 * The bot's one HTTP server, listening on PORT (and HOST when set). A port already taken,
 * or one this user may not open, is a line naming the variable to change, returned as a
 * value: the bot then stops at once instead of waiting on a server that never listened.
 */
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { REQUEST_TIMEOUT_MS } from '../http/request-timeout.js';

export type Listening = { readonly ok: true; readonly server: Server; readonly port: number } | { readonly ok: false; readonly line: string };

export async function listen(app: RequestListener, port: number, host: string | undefined): Promise<Listening> {
  const server = createServer(app);
  // A request whose headers or body trickle in is cut off too (the app limits its answer).
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  server.headersTimeout = REQUEST_TIMEOUT_MS;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ port, ...(host === undefined ? {} : { host }) }, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    return { ok: false, line: refusal(error, port, host) };
  }
  return { ok: true, server, port: (server.address() as AddressInfo).port };
}

function refusal(error: unknown, port: number, host: string | undefined): string {
  const code = (error as NodeJS.ErrnoException).code;
  const where = host === undefined ? `port ${port}` : `port ${port} (on ${host})`;
  switch (code) {
    case 'EADDRINUSE':
      return `PORT: ${where} is already in use (another Waymark, or another program): stop it, or set PORT to a free port`;
    case 'EACCES':
      return `PORT: this user may not listen on ${where}: use a port from 1024 up`;
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `HOST: ${host ?? ''} is not an address of this machine (use 127.0.0.1 for this machine only, 0.0.0.0 for every interface)`;
    default:
      return `PORT: could not listen on ${where}: ${error instanceof Error ? error.message : String(error)}`;
  }
}
