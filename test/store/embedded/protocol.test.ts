/**
 * Handshake, server commands and the wire protocol itself: the driver's view (hello,
 * buildInfo, getParameter, unknown commands, sessions, transactions) and raw frames over a
 * socket (OP_QUERY/OP_REPLY, OP_MSG document sequences, split and coalesced frames,
 * moreToCome, a malformed frame).
 */
import { connect, type Socket } from 'node:net';
import { deserialize, serialize, type Document } from 'bson';
import type { Db } from 'mongodb';
import { SUPPORTED_COMMANDS } from '../../../src/store/embedded-mongo/index.js';
import { useEmbeddedMongo } from './harness.js';

const mongo = useEmbeddedMongo();
let db: Db;

beforeAll(async () => {
  db = await mongo.db('proto');
});

describe('server commands', () => {
  it('answers hello as a standalone MongoDB 7.0', async () => {
    const hello = await db.admin().command({ hello: 1 });
    expect(hello).toMatchObject({
      helloOk: true,
      isWritablePrimary: true,
      maxBsonObjectSize: 16777216,
      maxMessageSizeBytes: 48000000,
      maxWriteBatchSize: 100000,
      logicalSessionTimeoutMinutes: 30,
      minWireVersion: 0,
      maxWireVersion: 21,
      ok: 1,
    });
    expect(hello.localTime).toBeInstanceOf(Date);
    expect(typeof hello.connectionId).toBe('number');
    expect(hello).not.toHaveProperty('setName');
    expect(hello).not.toHaveProperty('topologyVersion');
    expect(await db.admin().command({ isMaster: 1 })).toMatchObject({ ismaster: true, ok: 1 });
  });

  it('answers ping, buildInfo and getParameter', async () => {
    expect(await db.command({ ping: 1 })).toEqual({ ok: 1 });
    expect(await db.admin().command({ buildInfo: 1 })).toMatchObject({ version: '7.0.0', versionArray: [7, 0, 0, 0], ok: 1 });
    expect(await db.admin().command({ getParameter: 1, featureCompatibilityVersion: 1 })).toEqual({ featureCompatibilityVersion: { version: '7.0' }, ok: 1 });
    await expect(db.admin().command({ getParameter: 1, noSuchParameter: 1 })).rejects.toMatchObject({ code: 72 });
  });

  it('answers an unknown command with CommandNotFound (59)', async () => {
    await expect(db.command({ frobnicate: 1 })).rejects.toMatchObject({ code: 59, codeName: 'CommandNotFound', message: "no such command: 'frobnicate'" });
  });

  it('accepts endSessions and killAllSessions', async () => {
    expect(await db.admin().command({ killAllSessions: [] })).toEqual({ ok: 1 });
    const client = await mongo.client();
    const session = client.startSession();
    await client.db('proto').collection('s').insertOne({ a: 1 }, { session });
    await session.endSession();
    await client.close(); // sends endSessions
  });

  it('refuses transactions with a clear error', async () => {
    const client = await mongo.client();
    const session = client.startSession();
    session.startTransaction();
    const attempt = client.db('proto').collection('tx').insertOne({ a: 1 }, { session });
    await expect(attempt).rejects.toThrow(/Transactions are not supported by the embedded MongoDB server/);
    await session.endSession().catch(() => undefined);
    const raw = await db.command({ insert: 'tx', documents: [{ a: 1 }], txnNumber: 1, startTransaction: true, autocommit: false }).catch((error: unknown) => error);
    expect(raw).toMatchObject({ code: 238, message: expect.stringMatching(/Transactions are not supported by the embedded MongoDB server/) });
    expect(await db.collection('tx').countDocuments()).toBe(0);
  });

  it('lists the commands it supports', () => {
    expect([...SUPPORTED_COMMANDS].sort()).toEqual(
      [
        'aggregate', 'buildInfo', 'buildinfo', 'count', 'create', 'createIndexes', 'delete', 'deleteIndexes', 'distinct', 'drop',
        'dropDatabase', 'dropIndexes', 'endSessions', 'find', 'findAndModify', 'findandmodify', 'getMore', 'getParameter', 'hello',
        'insert', 'isMaster', 'ismaster', 'killAllSessions', 'killCursors', 'listCollections', 'listDatabases', 'listIndexes', 'ping', 'update',
      ].sort(),
    );
  });
});

// ---- raw frames ----

const OP_REPLY = 1;
const OP_QUERY = 2004;
const OP_MSG = 2013;

function header(length: number, requestId: number, opCode: number): Buffer {
  const buffer = Buffer.alloc(16);
  buffer.writeInt32LE(length, 0);
  buffer.writeInt32LE(requestId, 4);
  buffer.writeInt32LE(0, 8);
  buffer.writeInt32LE(opCode, 12);
  return buffer;
}

function opQuery(requestId: number, namespace: string, query: Document): Buffer {
  const body = Buffer.concat([Buffer.alloc(4), Buffer.from(`${namespace}\0`), Buffer.from([0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff]), serialize(query)]);
  return Buffer.concat([header(16 + body.length, requestId, OP_QUERY), body]);
}

function opMsg(requestId: number, command: Document, sequences: Record<string, Document[]> = {}, flags = 0): Buffer {
  const parts: Buffer[] = [Buffer.alloc(4), Buffer.from([0]), Buffer.from(serialize(command))];
  parts[0]!.writeUInt32LE(flags, 0);
  for (const [identifier, docs] of Object.entries(sequences)) {
    const payload = Buffer.concat([Buffer.from(`${identifier}\0`), ...docs.map((doc) => Buffer.from(serialize(doc)))]);
    const size = Buffer.alloc(4);
    size.writeInt32LE(payload.length + 4, 0);
    parts.push(Buffer.from([1]), size, payload);
  }
  const body = Buffer.concat(parts);
  return Buffer.concat([header(16 + body.length, requestId, OP_MSG), body]);
}

interface Reply {
  opCode: number;
  responseTo: number;
  doc: Document;
}

/** A raw connection that collects decoded replies. */
async function rawConnection(): Promise<{ socket: Socket; replies: () => Promise<Reply>; closed: Promise<void> }> {
  const socket = connect(mongo.server().port, '127.0.0.1');
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  let pending = Buffer.alloc(0);
  const queue: Reply[] = [];
  const waiters: Array<(reply: Reply) => void> = [];
  socket.on('data', (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk]);
    while (pending.length >= 4 && pending.length >= pending.readInt32LE(0)) {
      const frame = pending.subarray(0, pending.readInt32LE(0));
      pending = pending.subarray(frame.length);
      const opCode = frame.readInt32LE(12);
      const docStart = opCode === OP_REPLY ? 36 : 21;
      const reply = { opCode, responseTo: frame.readInt32LE(8), doc: deserialize(frame.subarray(docStart)) };
      const waiter = waiters.shift();
      if (waiter) waiter(reply);
      else queue.push(reply);
    }
  });
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  const replies = (): Promise<Reply> => {
    const queued = queue.shift();
    return queued ? Promise.resolve(queued) : new Promise((resolve) => waiters.push(resolve));
  };
  return { socket, replies, closed };
}

describe('wire protocol', () => {
  it('answers a legacy OP_QUERY hello with an OP_REPLY', async () => {
    const { socket, replies } = await rawConnection();
    socket.write(opQuery(7, 'admin.$cmd', { isMaster: 1, helloOk: true }));
    const reply = await replies();
    expect(reply).toMatchObject({ opCode: OP_REPLY, responseTo: 7 });
    expect(reply.doc).toMatchObject({ ismaster: true, helloOk: true, maxWireVersion: 21, ok: 1 });
    socket.destroy();
  });

  it('reads kind-1 document sequences, frames split byte by byte, and two frames in one chunk', async () => {
    const { socket, replies } = await rawConnection();
    const insert = opMsg(1, { insert: 'raw', $db: 'proto' }, { documents: [{ _id: 1 }, { _id: 2 }, { _id: 3 }] });
    for (const byte of insert) socket.write(Buffer.from([byte]));
    expect((await replies()).doc).toEqual({ n: 3, ok: 1 });
    socket.write(Buffer.concat([opMsg(2, { count: 'raw', $db: 'proto' }), opMsg(3, { ping: 1, $db: 'proto' })]));
    const [count, ping] = [await replies(), await replies()];
    expect(count).toMatchObject({ opCode: OP_MSG, responseTo: 2, doc: { n: 3, ok: 1 } });
    expect(ping).toMatchObject({ responseTo: 3, doc: { ok: 1 } });
    socket.destroy();
  });

  it('sends no reply when the client sets moreToCome (w: 0)', async () => {
    const { socket, replies } = await rawConnection();
    socket.write(opMsg(1, { insert: 'raw_w0', $db: 'proto', writeConcern: { w: 0 } }, { documents: [{ a: 1 }] }, 1 << 1));
    socket.write(opMsg(2, { count: 'raw_w0', $db: 'proto' }));
    expect(await replies()).toMatchObject({ responseTo: 2, doc: { n: 1 } });
    socket.destroy();
  });

  it('drops a connection that sends a malformed frame, and keeps serving others', async () => {
    const { socket, closed } = await rawConnection();
    socket.write(header(3, 1, OP_MSG));
    await closed;
    expect(await db.command({ ping: 1 })).toEqual({ ok: 1 });
  });
});
