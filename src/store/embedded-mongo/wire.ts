/**
 * MongoDB wire protocol framing: the 16-byte message header, OP_MSG (kind-0 body plus kind-1
 * document sequences), the legacy OP_QUERY the driver still uses for its first handshake, and
 * the OP_REPLY that answers it. No compression is advertised, so OP_COMPRESSED never arrives.
 *
 * BSON is decoded with the bson package's defaults (promoteValues, promoteLongs), exactly as
 * the driver decodes replies: ObjectId, Date, Binary, Decimal128, Timestamp and Longs beyond
 * 2^53 stay typed; Int32, Double and Longs that fit a JS number become numbers.
 */
import { deserialize, Long, serialize, type Document } from 'bson';

export const OP_REPLY = 1;
export const OP_QUERY = 2004;
export const OP_MSG = 2013;

const HEADER_SIZE = 16;
/** OP_MSG flag bits (wire protocol spec). */
const CHECKSUM_PRESENT = 1 << 0;
const MORE_TO_COME = 1 << 1;

/** Largest frame we accept; the hello reply advertises maxMessageSizeBytes 48000000. */
export const MAX_MESSAGE_SIZE = 48_000_000;

export interface MessageHeader {
  readonly messageLength: number;
  readonly requestId: number;
  readonly responseTo: number;
  readonly opCode: number;
}

/** A decoded request: the command document, and how the reply must be framed. */
export interface WireRequest {
  readonly header: MessageHeader;
  readonly kind: 'msg' | 'query';
  /** The command, with any kind-1 document sequences attached as array fields. */
  readonly command: Document;
  /** OP_QUERY only: the namespace ("admin.$cmd"); its database becomes `$db`. */
  readonly namespace?: string;
  /** OP_MSG moreToCome: the client wants no reply (unacknowledged write, w: 0). */
  readonly moreToCome: boolean;
}

export class WireProtocolError extends Error {}

export function readHeader(buffer: Buffer): MessageHeader {
  return {
    messageLength: buffer.readInt32LE(0),
    requestId: buffer.readInt32LE(4),
    responseTo: buffer.readInt32LE(8),
    opCode: buffer.readInt32LE(12),
  };
}

/**
 * Length of the next complete frame at the start of `buffer`, or undefined while only part
 * of it has arrived. Throws on a length no real client would send, so the caller can drop
 * the connection instead of buffering forever.
 */
export function nextFrameLength(buffer: Buffer): number | undefined {
  if (buffer.length < 4) return undefined;
  const length = buffer.readInt32LE(0);
  if (length < HEADER_SIZE || length > MAX_MESSAGE_SIZE) {
    throw new WireProtocolError(`invalid message length ${length}`);
  }
  return buffer.length >= length ? length : undefined;
}

export function decodeRequest(frame: Buffer): WireRequest {
  const header = readHeader(frame);
  const body = frame.subarray(HEADER_SIZE, header.messageLength);
  if (header.opCode === OP_MSG) return decodeOpMsg(header, body);
  if (header.opCode === OP_QUERY) return decodeOpQuery(header, body);
  throw new WireProtocolError(`unsupported opCode ${header.opCode}`);
}

function decodeOpMsg(header: MessageHeader, body: Buffer): WireRequest {
  const flags = body.readUInt32LE(0);
  const end = flags & CHECKSUM_PRESENT ? body.length - 4 : body.length;
  let command: Document | undefined;
  const sequences: Array<[string, Document[]]> = [];
  let offset = 4;
  while (offset < end) {
    const kind = body[offset];
    offset += 1;
    if (kind === 0) {
      const size = body.readInt32LE(offset);
      command = deserialize(body.subarray(offset, offset + size));
      offset += size;
    } else if (kind === 1) {
      const size = body.readInt32LE(offset);
      sequences.push(decodeSequence(body.subarray(offset + 4, offset + size)));
      offset += size;
    } else {
      throw new WireProtocolError(`unknown OP_MSG section kind ${String(kind)}`);
    }
  }
  if (command === undefined) throw new WireProtocolError('OP_MSG without a body section');
  // A document sequence is the same as an array field of the body (OP_MSG spec).
  for (const [identifier, documents] of sequences) command[identifier] = documents;
  return { header, kind: 'msg', command, moreToCome: (flags & MORE_TO_COME) !== 0 };
}

/** A kind-1 section after its size: a C-string identifier, then BSON documents to the end. */
function decodeSequence(section: Buffer): [string, Document[]] {
  const nul = section.indexOf(0);
  const identifier = section.toString('utf8', 0, nul);
  const documents: Document[] = [];
  let offset = nul + 1;
  while (offset < section.length) {
    const size = section.readInt32LE(offset);
    documents.push(deserialize(section.subarray(offset, offset + size)));
    offset += size;
  }
  return [identifier, documents];
}

function decodeOpQuery(header: MessageHeader, body: Buffer): WireRequest {
  // flags int32, fullCollectionName cstring, numberToSkip int32, numberToReturn int32, query.
  const nul = body.indexOf(0, 4);
  const namespace = body.toString('utf8', 4, nul);
  const queryStart = nul + 1 + 8;
  const size = body.readInt32LE(queryStart);
  let command = deserialize(body.subarray(queryStart, queryStart + size));
  // Old drivers wrap the command as { $query: {...}, $readPreference: ... }.
  if (command.$query !== undefined && typeof command.$query === 'object') command = command.$query as Document;
  return { header, kind: 'query', command, namespace, moreToCome: false };
}

function frame(opCode: number, requestId: number, responseTo: number, payload: Buffer): Buffer {
  const header = Buffer.alloc(HEADER_SIZE);
  header.writeInt32LE(HEADER_SIZE + payload.length, 0);
  header.writeInt32LE(requestId, 4);
  header.writeInt32LE(responseTo, 8);
  header.writeInt32LE(opCode, 12);
  return Buffer.concat([header, payload]);
}

/** OP_MSG reply: no flags, one kind-0 section. */
export function encodeOpMsg(requestId: number, responseTo: number, reply: Document): Buffer {
  const prefix = Buffer.alloc(5); // flagBits 0, section kind 0
  return frame(OP_MSG, requestId, responseTo, Buffer.concat([prefix, serialize(reply)]));
}

/** OP_REPLY to an OP_QUERY command: no cursor, one document. */
export function encodeOpReply(requestId: number, responseTo: number, reply: Document): Buffer {
  const prefix = Buffer.alloc(20);
  prefix.writeInt32LE(0, 0); // responseFlags
  const cursorId = Long.ZERO;
  prefix.writeInt32LE(cursorId.low, 4);
  prefix.writeInt32LE(cursorId.high, 8);
  prefix.writeInt32LE(0, 12); // startingFrom
  prefix.writeInt32LE(1, 16); // numberReturned
  return frame(OP_REPLY, requestId, responseTo, Buffer.concat([prefix, serialize(reply)]));
}
