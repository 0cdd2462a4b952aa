/**
 * Who is running a command, as the audit and the access log record it: `cli:<user>`, the
 * operating-system account (the database's URI gives no person). `--by` names someone
 * else when an admin runs it on their behalf or from a shared account.
 */
import { userInfo } from 'node:os';

export function cliActor(by?: string): string {
  const who = by?.trim() || safeUserName();
  return `cli:${who}`;
}

function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown'; // no entry for this uid (a container running as an arbitrary uid)
  }
}
