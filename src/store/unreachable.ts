/**
 * A database that cannot be reached, told apart from a bug. Kept free of the driver and
 * mongoose, so the command line can recognise it without loading them.
 */

/**
 * The database at MONGODB_URI did not answer: a fault of the deployment (a server down, a
 * wrong address, a firewall), not of Waymark, so commands say so instead of "internal error".
 */
export class DatabaseUnreachable extends Error {
  constructor(readonly reason: string) {
    super(`the database could not be reached (MONGODB_URI): ${reason}`);
    this.name = 'DatabaseUnreachable';
  }
}

/** Whether an error is the driver's way of saying the server could not be reached or stopped answering. */
export function isDatabaseUnreachable(error: unknown): boolean {
  return error instanceof DatabaseUnreachable || (error instanceof Error && /^Mongo(ose)?(ServerSelection|Network|NetworkTimeout)Error$/.test(error.name));
}
