/**
 * The TCP side: a net.Server on 127.0.0.1, one handler per socket that buffers partial
 * frames, decodes each complete request, runs it synchronously and writes the reply.
 * Running every command to completion before reading the next is what makes each write
 * atomic and a race between clients have exactly one winner.
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { ServerState } from './context.js';
import { CursorStore } from './cursors.js';
import { Storage } from './collections.js';
import { runCommand } from './dispatch.js';
import { asCommandError } from './errors.js';
import { decodeRequest, encodeOpMsg, encodeOpReply, nextFrameLength, type WireRequest } from './wire.js';

export interface StartOptions {
  /** TCP port; 0 (the default) picks a free one. */
  readonly port?: number;
  /** Interface to listen on; default 127.0.0.1. */
  readonly host?: string;
  /**
   * A Unix domain socket to listen on instead of TCP (port and host are then ignored). The
   * driver reaches it through a URI whose host is the path, percent-encoded.
   */
  readonly socketPath?: string;
  /** Receives diagnostic lines; the server prints nothing itself. */
  readonly log?: (line: string) => void;
}

export interface RunningServer {
  /** `mongodb://127.0.0.1:PORT/?directConnection=true`, or `mongodb://%2Ftmp%2Fx.sock/?directConnection=true` */
  readonly uri: string;
  /** The TCP port; 0 on a Unix socket. */
  readonly port: number;
  /** Ends every connection and stops listening. */
  close(): Promise<void>;
}

class Connection {
  private pending: Buffer = Buffer.alloc(0);

  constructor(
    private readonly socket: Socket,
    private readonly id: number,
    private readonly state: ServerState,
    private readonly nextRequestId: () => number,
    private readonly log: (line: string) => void,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    // A client that goes away mid-write is normal (process exit); just forget it.
    socket.on('error', (error) => this.log(`connection ${this.id}: ${error.message}`));
  }

  private receive(chunk: Buffer): void {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    try {
      let length: number | undefined;
      while ((length = nextFrameLength(this.pending)) !== undefined) {
        const frame = this.pending.subarray(0, length);
        this.pending = this.pending.subarray(length);
        this.handle(decodeRequest(frame));
      }
    } catch (error) {
      // A malformed frame means we have lost the framing; nothing after it can be trusted.
      this.log(`connection ${this.id}: closing after protocol error: ${error instanceof Error ? error.message : String(error)}`);
      this.socket.destroy();
    }
  }

  private handle(request: WireRequest): void {
    const db = request.namespace?.split('.')[0];
    const reply = runCommand(request.command, this.state, { db, connectionId: this.id });
    if (request.moreToCome || this.socket.destroyed) return;
    const encode = request.kind === 'query' ? encodeOpReply : encodeOpMsg;
    let message: Buffer;
    try {
      message = encode(this.nextRequestId(), request.header.requestId, reply);
    } catch (error) {
      // A reply BSON cannot encode (e.g. a document over the size limit) fails this command only.
      message = encode(this.nextRequestId(), request.header.requestId, asCommandError(error).toReply());
    }
    this.socket.write(message);
  }
}

export async function start(options: StartOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? (() => undefined);
  const state: ServerState = { storage: new Storage(), cursors: new CursorStore() };
  const sockets = new Set<Socket>();
  let connectionIds = 0;
  let requestIds = 0;

  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    new Connection(socket, ++connectionIds, state, () => ++requestIds, log);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    const listening = (): void => {
      server.off('error', reject);
      resolve();
    };
    if (options.socketPath !== undefined) server.listen(options.socketPath, listening);
    else server.listen(options.port ?? 0, host, listening);
  });
  // After a successful listen, a server error must not crash the host process.
  server.on('error', (error) => log(`embedded MongoDB server error: ${error.message}`));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const where = options.socketPath !== undefined ? encodeURIComponent(options.socketPath) : `${host.includes(':') ? `[${host}]` : host}:${port}`;
  log(`embedded MongoDB listening on ${options.socketPath ?? where}`);

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });
    return closing;
  };
  return { uri: `mongodb://${where}/?directConnection=true`, port, close };
}
