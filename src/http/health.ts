/**
 * Liveness and readiness for the platform's probes: /healthz says the process answers;
 * /readyz says whether it can do its work (database and scheduler up), with the reason
 * when it cannot, so a load balancer holds traffic back instead of failing requests.
 */
import { Router } from 'express';

export interface HealthOptions {
  /** null when ready; otherwise why not, in a sentence. */
  readonly ready: () => Promise<string | null>;
}

export function healthRouter({ ready }: HealthOptions): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.status(200).json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    let reason: string | null;
    try {
      reason = await ready();
    } catch {
      // The probe is public: say it failed, not how.
      reason = 'the readiness check failed';
    }
    if (reason === null) res.status(200).json({ status: 'ready' });
    else res.status(503).json({ status: 'not ready', reason });
  });
  return router;
}
