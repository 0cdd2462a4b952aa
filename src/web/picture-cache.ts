/**
 * Chart pictures, kept a while once drawn. A chat platform fetches a digest's picture more
 * than once (each client, each scroll), and drawing one folds every learner under the
 * policy; anyone holding the message could also fetch it on purpose, again and again.
 * Concurrent fetches of one picture share one drawing.
 */
export class PictureCache {
  private readonly entries = new Map<string, { readonly until: number; readonly png: Promise<Buffer | null> }>();

  constructor(
    private readonly keepMs = 10 * 60_000,
    private readonly most = 32,
  ) {}

  get(name: string, now: number, draw: () => Promise<Buffer | null>): Promise<Buffer | null> {
    const kept = this.entries.get(name);
    if (kept && kept.until > now) return kept.png;
    if (this.entries.size >= this.most) this.entries.delete(this.entries.keys().next().value!);
    const png = draw();
    this.entries.set(name, { until: now + this.keepMs, png });
    // A failed drawing is not kept: the next fetch tries again.
    png.catch(() => this.entries.delete(name));
    return png;
  }
}
