/**
 * One Bot Framework connector client per app, service URL and audience, and one user token
 * client per app, each made once and used by every turn. botbuilder makes new ones (each
 * an HTTP pipeline of a dozen policies, built afresh, and its credentials looked up) for
 * every activity it receives and every message it sends proactively: about 0.18 ms, a
 * sixth of what acknowledging an invoke costs. A client holds no state of a turn, only
 * where to send and the bot's own credentials, so the same one serves every turn alike.
 * At most MAX_CLIENTS are kept, the oldest dropped first: the service URL comes with each
 * activity, and in local mode anyone may send one.
 */
export const MAX_CLIENTS = 32;

/** The claim that names the app a token was issued to (v1 tokens: appid; v2: azp). */
const APP_ID_CLAIMS = ['appid', 'azp'];

interface Claims {
  readonly claims: readonly { readonly type: string; readonly value: string }[];
}
interface Factory<Client> {
  create(serviceUrl: string, audience?: string): Promise<Client>;
}

const appOf = (identity: Claims | undefined) => identity?.claims.find((c) => APP_ID_CLAIMS.includes(c.type))?.value ?? '';

export class ReusedConnectors<Client, UserTokens = unknown> {
  private readonly clients = new Map<string, Promise<Client | UserTokens>>();

  /** `factory` (made for `identity`), answering with a client made before for the same app, service URL and audience. */
  reusing<F extends Factory<Client>>(factory: F, identity: Claims | undefined): F {
    const app = appOf(identity);
    const reusing = Object.create(factory) as F;
    reusing.create = (serviceUrl: string, audience?: string) => this.client(`connector\n${app}\n${serviceUrl}\n${audience ?? ''}`, () => factory.create(serviceUrl, audience)) as Promise<Client>;
    return reusing;
  }

  /** The user token client for `identity`'s app: made by `make` the first time. */
  userTokens(identity: Claims | undefined, make: () => Promise<UserTokens>): Promise<UserTokens> {
    return this.client(`user-tokens\n${appOf(identity)}`, make) as Promise<UserTokens>;
  }

  /** How many clients are kept (tests). */
  get size(): number {
    return this.clients.size;
  }

  private client(key: string, make: () => Promise<Client | UserTokens>): Promise<Client | UserTokens> {
    const kept = this.clients.get(key);
    if (kept) return kept;
    if (this.clients.size >= MAX_CLIENTS) this.clients.delete(this.clients.keys().next().value!);
    const made = make();
    this.clients.set(key, made);
    // A client that could not be made is not kept: the next turn tries again.
    made.catch(() => this.clients.get(key) === made && this.clients.delete(key));
    return made;
  }
}
