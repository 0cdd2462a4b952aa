/**
 * Calls to the Bot Framework connector, retried when Teams says to come back later: 429
 * (throttled), 412 (a conflicting update), 502 and 504 (transient), with growing pauses
 * (a Retry-After header, when given, is honoured).
 */
const RETRIED = new Set([429, 412, 502, 504]);

export interface RetryOptions {
  readonly attempts: number;
  readonly baseDelayMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { attempts: 4, baseDelayMs: 1_000 };

export async function retrying<T>(work: () => Promise<T>, options: RetryOptions = DEFAULT_RETRY): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode;
      if (status === undefined || !RETRIED.has(status) || attempt >= options.attempts) throw error;
      const retryAfter = Number((error as { response?: { headers?: { get?: (h: string) => string | undefined } } }).response?.headers?.get?.('retry-after'));
      const delay = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1_000 : options.baseDelayMs * 2 ** (attempt - 1);
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}
