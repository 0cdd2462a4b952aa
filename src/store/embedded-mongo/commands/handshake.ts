/**
 * Handshake, server information and session commands. The hello reply describes a
 * standalone MongoDB 7.0 (wire version 21): no `setName` (so the driver never attempts
 * transactions or retryable writes), no `topologyVersion` (so monitors poll instead of
 * streaming), no compression, and `logicalSessionTimeoutMinutes` so sessions work.
 */
import { Long } from 'bson';
import type { CommandContext, CommandTable } from '../context.js';
import { CommandError } from '../errors.js';
import { isPlainObject, type Doc } from '../values.js';

export const SERVER_VERSION = '7.0.0';
const MAX_BSON_OBJECT_SIZE = 16 * 1024 * 1024;
const MAX_MESSAGE_SIZE_BYTES = 48_000_000;
const MAX_WRITE_BATCH_SIZE = 100_000;
const LOGICAL_SESSION_TIMEOUT_MINUTES = 30;

function hello(_command: Doc, context: CommandContext): Doc {
  return {
    helloOk: true,
    isWritablePrimary: true,
    // Legacy name of the same flag, for clients that sent isMaster.
    ismaster: true,
    maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
    maxMessageSizeBytes: MAX_MESSAGE_SIZE_BYTES,
    maxWriteBatchSize: MAX_WRITE_BATCH_SIZE,
    localTime: new Date(),
    logicalSessionTimeoutMinutes: LOGICAL_SESSION_TIMEOUT_MINUTES,
    connectionId: context.connectionId,
    minWireVersion: 0,
    maxWireVersion: 21,
    readOnly: false,
    ok: 1,
  };
}

function buildInfo(): Doc {
  return {
    version: SERVER_VERSION,
    gitVersion: 'embedded',
    versionArray: [7, 0, 0, 0],
    modules: [],
    allocator: 'system',
    javascriptEngine: 'none',
    sysInfo: 'deprecated',
    bits: 64,
    debug: false,
    maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
    storageEngines: ['embedded-memory'],
    buildEnvironment: {},
    openssl: { running: 'disabled' },
    ok: 1,
  };
}

/** The server parameters a client might reasonably ask for. */
const PARAMETERS: Readonly<Record<string, unknown>> = {
  featureCompatibilityVersion: { version: '7.0' },
  cursorTimeoutMillis: Long.fromNumber(600_000),
  logLevel: 0,
  maxBSONDepth: 100,
  authenticationMechanisms: [],
  transactionLifetimeLimitSeconds: 60,
};

function getParameter(command: Doc): Doc {
  const wanted = command.getParameter === '*' ? Object.keys(PARAMETERS) : Object.keys(command).filter((key) => key !== 'getParameter' && !key.startsWith('$') && key !== 'lsid' && key !== 'comment');
  const reply: Doc = {};
  for (const name of wanted) {
    if (!Object.hasOwn(PARAMETERS, name)) throw new CommandError('InvalidOptions', `no option found to get: ${name}`);
    reply[name] = PARAMETERS[name];
  }
  if (wanted.length === 0) throw new CommandError('InvalidOptions', 'no option found to get');
  return { ...reply, ok: 1 };
}

function sessionKeys(sessions: unknown): Set<string> {
  const keys = new Set<string>();
  if (!Array.isArray(sessions)) return keys;
  for (const session of sessions) {
    const id = isPlainObject(session) ? session.id : undefined;
    if (id && typeof (id as { toString(encoding: string): string }).toString === 'function') {
      keys.add((id as { toString(encoding: string): string }).toString('hex'));
    }
  }
  return keys;
}

function endSessions(command: Doc, context: CommandContext): Doc {
  context.cursors.killSessions(sessionKeys(command.endSessions));
  return { ok: 1 };
}

function killAllSessions(_command: Doc, context: CommandContext): Doc {
  context.cursors.killSessions('all');
  return { ok: 1 };
}

export const handshakeCommands: CommandTable = {
  hello,
  isMaster: hello,
  ismaster: hello,
  ping: () => ({ ok: 1 }),
  buildInfo,
  buildinfo: buildInfo,
  getParameter,
  endSessions,
  killAllSessions,
};
