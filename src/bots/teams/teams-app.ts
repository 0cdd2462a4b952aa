/**
 * The Teams app: a teams-ai `Application` on a `TeamsAdapter` (botbuilder's CloudAdapter)
 * at POST /api/messages on the bot's one HTTP server. Bot Framework authentication is on
 * whenever BOT_ID and BOT_PASSWORD are set; without them (local mode, the Agents
 * Playground) requests are anonymous. The same verbs as Slack, typed to the bot; Adaptive
 * Card buttons are Action.Execute; forms open in dialogs (task modules).
 *
 * teams-ai and botbuilder are deprecated in favour of the Teams SDK; everything Teams-
 * specific is in src/bots/teams, so a move touches only this folder.
 *
 * Teams waits for the answer to an invoke (5 s at most) and to a message's HTTP request, so
 * the work runs in the bounded work queue (work-queue.ts) and the request is answered
 * with its result only when it could start at once and finished promptly; otherwise it is
 * answered at once ("working on it") and the result follows as a message in the same
 * conversation. A full queue is answered "busy, try again in a minute" at once.
 */
import { ActivityTypes, CardFactory, TurnContext, type ConfigurationBotFrameworkAuthenticationOptions, type ConversationReference } from 'botbuilder';
import { Application, type TeamsAdapter, type TurnState } from '@microsoft/teams-ai';
import { randomUUID } from 'node:crypto';
import type { Request, Response, Router } from 'express';
import type { CaseQueries } from '../../cases/case-queries.js';
import type { CaseService } from '../../cases/case-service.js';
import type { CaseContext } from '../../cases/case-context.js';
import type { Pack } from '../../rules/pack/pack-schema.js';
import type { WebLinks } from '../../web/links.js';
import type { StaffRecord } from '../../store/records.js';
import { toAdaptiveCard, toAdaptiveDialog } from '../../cards/adaptive.js';
import { FORM_OPENED_BY, FORM_OPENING_VERBS, SHOWING_VERBS, type Card, type Form, type FormVerb, type Payload, type Verb } from '../../cards/card.js';
import { doneCard, errorCard } from '../../cards/catalogue/query-cards.js';
import { parseChatCommand } from '../chat-command.js';
import { answerAction, answerCommand, answerSubmission, BUSY, busyCard, NOT_CONFIRMED, WORKING_ON_IT, type ChatDeps, type Reply } from '../conversation.js';
import { answerOrHandOff, WorkQueue } from '../work-queue.js';
import type { FormValues } from '../form-values.js';
import { linkReportLines } from '../../cases/staff-links.js';
import { ConversationRefs } from './conversation-refs.js';
import { ActivityAdapter, answerActivity, messagesRouter, TEAMS_MESSAGES_PATH, type MessagesEndpoint } from './messages-endpoint.js';
import { linkFromRoster } from './teams-roster.js';
import { TeamsNotifier } from './teams-notifier.js';
import { pictureUrls } from '../web-links.js';

export interface TeamsConfig {
  readonly botId?: string | undefined;
  readonly botPassword?: string | undefined;
  readonly tenantId?: string | undefined;
  readonly botType?: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI' | undefined;
  /**
   * More of botbuilder's authentication options, over the defaults (Microsoft's public
   * cloud): the tests point `ToBotFromChannelOpenIdMetadataUrl` at keys of their own. Never
   * read from the environment, so no deployment can loosen the checks through it.
   */
  readonly authentication?: ConfigurationBotFrameworkAuthenticationOptions | undefined;
}

export interface TeamsDeps {
  readonly ctx: CaseContext;
  readonly service: CaseService;
  readonly queries: CaseQueries;
  readonly packs: readonly Pack[];
  /** The id of the policy in force (WAYMARK_POLICY); default: the first of `packs`. */
  readonly defaultPolicy?: string | undefined;
  readonly config: TeamsConfig;
  readonly log?: (line: string) => void;
  /** Least time between two posts to one conversation (Teams allows 7 a second). */
  readonly postIntervalMs?: number;
  readonly retryBaseDelayMs?: number;
  /** Where the work behind requests runs (shared with Slack in one process); default its own. */
  readonly work?: WorkQueue;
  /** How long a request may wait for work that started at once before its answer follows instead. */
  readonly answerWithinMs?: number;
  /** Signs links to the web pages (and the digest's chart); null or absent: no web pages. */
  readonly links?: WebLinks | null;
}

export interface TeamsBot {
  readonly adapter: TeamsAdapter;
  readonly app: Application<TurnState>;
  readonly notifier: TeamsNotifier;
  /** Express handler for POST /api/messages (needs the JSON body parsed); answers every request, never rejects. */
  handle(req: Request, res: Response): Promise<void>;
  /** POST /api/messages for the bot's HTTP server: the token required first when authentication is on, then the body. */
  readonly router: Router;
}

export { TEAMS_MESSAGES_PATH };
const EXECUTE_VERBS: readonly Verb[] = ['claim', 'open-case', 'approve', 'reject', 'ask-more', 'caseload', 'help', 'open-register', 'open-chronology'];
const SUBMIT_VERBS: readonly FormVerb[] = ['submit-contact', 'submit-fact', 'submit-proposal', 'submit-smt-decision'];

export function createTeamsBot(deps: TeamsDeps): TeamsBot {
  const log = deps.log ?? (() => {});
  const { config } = deps;
  const auth: ConfigurationBotFrameworkAuthenticationOptions = config.botId
    ? {
        MicrosoftAppId: config.botId,
        MicrosoftAppPassword: config.botPassword ?? '',
        MicrosoftAppType: config.botType ?? 'MultiTenant',
        MicrosoftAppTenantId: config.tenantId ?? '',
        ...config.authentication,
      }
    : {};
  const adapter = new ActivityAdapter(auth);
  adapter.onTurnError = async (context, error) => {
    log(`teams turn failed: ${error.message}`);
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(toAdaptiveCard(errorCard(NOT_CONFIRMED, 'not-confirmed')))] }).catch(() => {});
  };
  const app = new Application<TurnState>({ adapter, botAppId: config.botId ?? '', removeRecipientMention: true });
  const defaultPolicy = deps.defaultPolicy ?? deps.packs[0]?.id ?? '';
  const work = deps.work ?? new WorkQueue();
  const links = deps.links ?? null;
  const chat: ChatDeps = { ctx: deps.ctx, service: deps.service, queries: deps.queries, packs: deps.packs, defaultPolicy, platform: 'teams', work, links };
  const refs = new ConversationRefs(deps.ctx.store);
  const notifier = new TeamsNotifier(adapter, config.botId ?? '', deps.ctx.store, refs, {
    postIntervalMs: deps.postIntervalMs ?? Math.ceil(1_000 / 7),
    retryBaseDelayMs: deps.retryBaseDelayMs ?? 1_000,
    log,
    pictureUrl: pictureUrls(links, () => deps.ctx.now()),
  });
  const remember = (context: TurnContext) => refs.remember(TurnContext.getConversationReference(context.activity));

  /**
   * A turn's work through the queue (answerOrHandOff): its result now, or 'later' with the
   * result (`follow`) sent to the turn's conversation once done; a failure then is logged
   * and the person told their action could not be confirmed, as in a turn.
   */
  const soon = <T>(context: TurnContext, job: () => Promise<T>, follow: (value: T, to: Partial<ConversationReference>) => Promise<void>) => {
    const to = TurnContext.getConversationReference(context.activity);
    return answerOrHandOff(
      work,
      job,
      async (outcome) => {
        try {
          if ('error' in outcome) throw outcome.error;
          await follow(outcome.value, to);
        } catch (error) {
          log(`teams: a request's work failed: ${error instanceof Error ? error.message : String(error)}`);
          await notifier.sendToConversation(to, errorCard(NOT_CONFIRMED, 'not-confirmed')).catch(() => {});
        }
      },
      deps.answerWithinMs,
    );
  };
  const userOf = (context: TurnContext) => context.activity.from.aadObjectId ?? context.activity.from.id;

  // Installed, or added to a team or chat: keep where to reach it, and link the staff
  // directory to the members it can now see (people added later are linked as they come).
  const installed = async (context: TurnContext) => {
    await remember(context);
    const added = (context.activity.membersAdded ?? []).length > 0 || context.activity.action === 'add';
    if (!added) return;
    try {
      for (const line of linkReportLines(await linkFromRoster(context, deps.ctx.store, deps.ctx.now()))) log(`teams staff link: ${line}`);
    } catch (error) {
      log(`teams staff link: the roster could not be read: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  app.activity(ActivityTypes.ConversationUpdate, installed);
  app.activity(ActivityTypes.InstallationUpdate, installed);

  app.activity(ActivityTypes.Message, async (context) => {
    await remember(context);
    const staff = await staffOf(chat, context);
    if (!staff) return void (await send(context, unknownCard(context)));
    const parsed = parseChatCommand((context.activity.text ?? '').trim());
    if (!parsed.ok) return void (await send(context, errorCard(parsed.message, 'usage')));
    const user = userOf(context);
    // The work may outlive the turn (answered later), so it reads the activity, not the context.
    const activity = context.activity;
    const personal = activity.conversation.conversationType === 'personal';
    const answered = await soon(context, () => answerCommand(chat, staff, parsed.command, {
      conversation: activity.conversation.id,
      key: `teams:message:${activity.id}`,
      resolvePerson: async (typed) => {
        const mention = activity.entities?.find((e) => e.type === 'mention' && typeof e.text === 'string' && typed.includes(e.text.replace(/<\/?at>/g, '')));
        const id = (mention?.mentioned as { id?: string } | undefined)?.id;
        if (id) return (await chat.ctx.store.staffByChatId('teams', id))?.id ?? null;
        return (await chat.ctx.store.getStaff(typed.trim().toLowerCase()))?.id ?? null;
      },
    }), (reply, to) => replyLater(to, user, personal, reply));
    if (answered.kind === 'busy') await send(context, busyCard());
    else if (answered.kind === 'now') await sendReply(context, answered.value);
  });

  app.adaptiveCards.actionExecute<Payload & { verb: string; comment?: string }>(EXECUTE_VERBS as string[], async (context, _state, data) => {
    const staff = await staffOf(chat, context);
    if (!staff) return toAdaptiveCard(unknownCard(context)) as never;
    const verb = context.activity.value?.action?.verb as Verb;
    const user = context.activity.from.aadObjectId ?? context.activity.from.id;
    // Retried invokes and double clicks on one card carry the same ids: one record.
    const key = `teams:execute:${user}:${verb}:${data.learner ?? ''}:${data.proposal ?? ''}:${context.activity.replyToId ?? ''}`;
    const personal = context.activity.conversation.conversationType === 'personal';
    const answered = await soon(context, () => answerAction(chat, staff, verb, data, data.comment ? { comment: data.comment } : {}, key), (reply, to) =>
      replyLater(to, user, personal, reply.kind === 'nothing' ? { kind: 'card', card: decisionRecorded(data.learner), private: true } : reply),
    );
    if (answered.kind === 'busy') return BUSY as never;
    if (answered.kind === 'later') return WORKING_ON_IT as never;
    const reply = answered.value;
    if (SHOWING_VERBS.includes(verb) && reply.kind === 'card') {
      // Teams would put the answer in place of the card clicked (the caseload would be gone).
      await sendReply(context, reply);
      return `${reply.card.title}: sent as a new message.`;
    }
    const card = reply.kind === 'card' ? reply.card : reply.kind === 'form' ? formLauncher(reply.form) : decisionRecorded(data.learner);
    return toAdaptiveCard(card) as never;
  });

  app.taskModules.fetch<Payload & { verb: string }>(FORM_OPENING_VERBS as string[], async (context, _state, data) => {
    const staff = await staffOf(chat, context);
    if (!staff) return dialog(unknownCard(context));
    // A form opens in the invoke's answer, so this waits for its turn in the queue.
    const running = work.run(() => answerAction(chat, staff, data.verb as Verb, data, {}, `teams:fetch:${context.activity.id}`));
    if (!running) return dialog(busyCard());
    const reply = await running;
    if (reply.kind !== 'form') return dialog(reply.kind === 'card' ? reply.card : errorCard('There is nothing to fill in here.'));
    return formDialog(reply.form);
  });

  app.taskModules.submit<Payload & { verb: string } & Record<string, unknown>>(SUBMIT_VERBS as string[], async (context, _state, data) => {
    const staff = await staffOf(chat, context);
    if (!staff) return 'Waymark does not know you yet: ask an admin to add you to the staff directory.';
    const values: Record<string, string | boolean | undefined> = {};
    for (const [k, v] of Object.entries(data)) {
      if (typeof v === 'string') values[k] = v === 'true' ? true : v === 'false' ? false : v;
    }
    const key = `teams:form:${data.form ?? context.activity.id}`;
    const answered = await soon(context, () => answerSubmission(chat, staff, data.verb as FormVerb, data, values as FormValues, key), async (later, to) => {
      const card = later.ok ? (later.reply.kind === 'card' ? later.reply.card : null) : errorCard(`Please check: ${problemLines(later.errors)}`, 'invalid-input');
      if (card) await notifier.sendToConversation(to, card);
    });
    if (answered.kind === 'busy') return BUSY;
    if (answered.kind === 'later') return WORKING_ON_IT;
    const answer = answered.value;
    if (!answer.ok) {
      const form = await reopen(chat, staff, data);
      const problems = problemLines(answer.errors);
      return form ? formDialog({ ...form, blocks: [{ kind: 'text', text: `Please check: ${problems}` }, ...form.blocks] }, data.form) : problems;
    }
    return answer.reply.kind === 'card' ? answer.reply.card.summary : 'Done.';
  });

  async function sendReply(context: TurnContext, reply: Reply): Promise<void> {
    const personal = context.activity.conversation.conversationType === 'personal';
    await deliverReply(reply, userOf(context), personal, {
      card: (card) => send(context, card),
      text: async (text) => void (await context.sendActivity(text)),
    });
  }

  /** A reply that follows its request, sent to the request's conversation as sendReply would. */
  async function replyLater(to: Partial<ConversationReference>, user: string, personal: boolean, reply: Reply): Promise<void> {
    await deliverReply(reply, user, personal, {
      card: (card) => notifier.sendToConversation(to, card),
      text: (text) => notifier.sendToConversation(to, doneCard('Waymark', text)),
    });
  }

  /** A private card in a shared conversation goes to the person's personal chat instead. */
  async function deliverReply(reply: Reply, user: string, personal: boolean, out: { card: (card: Card) => Promise<void>; text: (text: string) => Promise<void> }): Promise<void> {
    if (reply.kind === 'nothing') return;
    const card = reply.kind === 'form' ? formLauncher(reply.form) : reply.card;
    if (reply.kind === 'card' && reply.private && !personal) {
      if (await notifier.sendTo(user, card)) {
        await out.text('I have sent you the answer in our personal chat.');
        return;
      }
      await out.text('Some answers are only shown in a personal chat: open Waymark in Teams (Apps, Waymark, Add) and ask me there.');
      return;
    }
    await out.card(card);
  }

  const endpoint: MessagesEndpoint = {
    adapter,
    logic: async (context) => {
      await app.run(context);
    },
    authenticated: Boolean(config.botId),
    log,
  };
  return {
    adapter,
    app,
    notifier,
    handle: (req, res) => answerActivity(endpoint, req, res),
    router: messagesRouter(endpoint),
  };
}

async function send(context: TurnContext, card: Card): Promise<void> {
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(toAdaptiveCard(card))], summary: card.summary });
}

async function staffOf(chat: ChatDeps, context: TurnContext): Promise<StaffRecord | null> {
  const from = context.activity.from;
  for (const id of [from.aadObjectId, from.id]) {
    if (!id) continue;
    const staff = await chat.ctx.store.staffByChatId('teams', id);
    if (staff) return staff;
  }
  return null;
}

function decisionRecorded(learner: string | undefined): Card {
  return doneCard('Decision recorded', 'The request now shows the decision.', learner);
}

function problemLines(errors: Record<string, string>): string {
  return Object.entries(errors)
    .map(([field, message]) => `${field}: ${message}`)
    .join('\n');
}

function unknownCard(context: TurnContext): Card {
  const id = context.activity.from.aadObjectId ?? context.activity.from.id;
  return errorCard(`Waymark does not know you yet: ask an admin to add you to the staff directory with your Teams id ${id}.`, 'unknown-staff');
}

/** A card with one button that opens the form in a dialog. */
function formLauncher(form: Form): Card {
  const verb = FORM_OPENED_BY[form.submit.verb];
  return { name: 'form-launcher', title: form.title, blocks: [], actions: [{ verb, label: `Open: ${form.title}`, style: 'primary', payload: form.submit.payload }], summary: form.title };
}

function formDialog(form: Form, nonce: string = randomUUID()) {
  const withNonce: Form = { ...form, submit: { ...form.submit, payload: { ...form.submit.payload, form: nonce } } };
  return { title: form.title, card: CardFactory.adaptiveCard(toAdaptiveDialog(withNonce)), width: 'medium' as const, height: 'large' as const };
}

function dialog(card: Card) {
  return { title: card.title, card: CardFactory.adaptiveCard(toAdaptiveCard(card)), width: 'medium' as const, height: 'medium' as const };
}

/** The form a refused submission came from, to show again with the problem. */
async function reopen(chat: ChatDeps, staff: StaffRecord, data: Payload & { verb: string }): Promise<Form | null> {
  const opener = FORM_OPENED_BY[data.verb as FormVerb] as Verb | undefined;
  if (!opener) return null;
  const reply = await answerAction(chat, staff, opener, data, {}, 'reopen');
  return reply.kind === 'form' ? reply.form : null;
}
