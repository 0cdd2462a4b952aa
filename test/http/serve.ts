/** Starts an HTTP app on a free port for a test file and gives fetch helpers for it. */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Express } from 'express';

export interface Served {
  readonly url: string;
  request(method: string, path: string, options?: { key?: string | null; body?: unknown; raw?: string }): Promise<{ status: number; json: unknown; headers: Headers }>;
  close(): Promise<void>;
}

export async function serve(app: Express, defaultKey: string | null = null): Promise<Served> {
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    async request(method, path, options = {}) {
      const key = options.key === undefined ? defaultKey : options.key;
      const headers: Record<string, string> = {};
      if (key !== null) headers.authorization = `Bearer ${key}`;
      let body: string | undefined;
      if (options.raw !== undefined || options.body !== undefined) {
        headers['content-type'] = 'application/json';
        body = options.raw ?? JSON.stringify(options.body);
      }
      const response = await fetch(url + path, { method, headers, ...(body !== undefined ? { body } : {}) });
      const text = await response.text();
      const json = response.headers.get('content-type')?.includes('application/json') ? JSON.parse(text) : text || null;
      return { status: response.status, json, headers: response.headers };
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        // fetch keeps connections alive; drop them so the test run can exit.
        server.closeAllConnections();
      }),
  };
}
