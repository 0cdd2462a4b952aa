/**
 * Spacing posts to one conversation: Slack allows about one message a second per channel
 * (Teams has similar per-conversation limits). Each conversation has its own queue; posts
 * to different conversations do not wait for each other.
 */
export class Pacer {
  private readonly next = new Map<string, Promise<void>>();

  constructor(
    private readonly intervalMs: number,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  /** Runs `work` once the conversation's previous post is at least `intervalMs` old. */
  async run<T>(conversation: string, work: () => Promise<T>): Promise<T> {
    const before = this.next.get(conversation) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((r) => (release = r));
    const turn = before.then(() => mine);
    this.next.set(conversation, turn);
    await before;
    try {
      return await work();
    } finally {
      void this.sleep(this.intervalMs).then(() => {
        release();
        if (this.next.get(conversation) === turn) this.next.delete(conversation);
      });
    }
  }
}
