/**
 * The Teams app: a teams-ai `Application` on a `TeamsAdapter` (botbuilder's CloudAdapter)
 * at POST /api/messages on the bot's one HTTP server. Bot Framework authentication is on
 * whenever BOT_ID and BOT_PASSWORD are set; without them (local mode, the Agents
 * Playground) requests are anonymous. The same verbs as Slack, typed to the bot; Adaptive
 * Card buttons are Action.Execute; forms open in dialogs (task modules).
 *
 * teams-ai and botbuilder are deprecated in favour of the Teams SDK; everything Teams-
 * specific is in src/bots/teams, so a move touches only this folder.
 */
import { ActivityTypes, CardFactory, TurnContext, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import { Application, TeamsAdapter, type TurnState } from '@microsoft/teams-ai';
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import type { CaseQueries } from '../../cases/case-queries.js';
import type { CaseService } from '../../cases/case-service.js';
import type { CaseContext } from '../../cases/case-context.js';
import type { Pack } from '../../rules/pack/pack-schema.js';
import type { StaffRecord } from '../../store/records.js';
import { toAdaptiveCard, toAdaptiveDialog } from '../../cards/adaptive.js';
import { FORM_OPENED_BY, FORM_OPENING_VERBS, type Card, type Form, type FormVerb, type Payload, type Verb } from '../../cards/card.js';
import { doneCard, errorCard } from '../../cards/catalogue/query-cards.js';
import { parseChatCommand } from '../chat-command.js';
import { answerAction, answerCommand, answerSubmission, NOT_CONFIRMED, type ChatDeps, type Reply } from '../conversation.js';
import type { FormValues } from '../form-values.js';
import { ConversationRefs } from './conversation-refs.js';
import { TeamsNotifier } from './teams-notifier.js';

export interface TeamsConfig {
  readonly botId?: string | undefined;
  readonly botPassword?: string | undefined;
  readonly tenantId?: string | undefined;
  readonly botType?: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI' | undefined;
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
}

export interface TeamsBot {
  readonly adapter: TeamsAdapter;
  readonly app: Application<TurnState>;
  readonly notifier: TeamsNotifier;
  /** Express handler for POST /api/messages (needs the JSON body parsed). */
  handle(req: Request, res: Response): Promise<void>;
}

export const TEAMS_MESSAGES_PATH = '/api/messages';
const EXECUTE_VERBS: readonly Verb[] = ['claim', 'open-case', 'approve', 'reject', 'ask-more', 'caseload', 'help'];
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
      }
    : {};
  const adapter = new TeamsAdapter(auth);
  adapter.onTurnError = async (context, error) => {
    log(`teams turn failed: ${error.message}`);
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(toAdaptiveCard(errorCard(NOT_CONFIRMED, 'not-confirmed')))] }).catch(() => {});
  };
  const app = new Application<TurnState>({ adapter, botAppId: config.botId ?? '', removeRecipientMention: true });
  const defaultPolicy = deps.defaultPolicy ?? deps.packs[0]?.id ?? '';
  const chat: ChatDeps = { ctx: deps.ctx, service: deps.service, queries: deps.queries, packs: deps.packs, defaultPolicy, platform: 'teams' };
  const refs = new ConversationRefs(deps.ctx.store);
  const notifier = new TeamsNotifier(adapter, config.botId ?? '', deps.ctx.store, refs, {
    postIntervalMs: deps.postIntervalMs ?? Math.ceil(1_000 / 7),
    retryBaseDelayMs: deps.retryBaseDelayMs ?? 1_000,
    log,
  });
  const remember = (context: TurnContext) => refs.remember(TurnContext.getConversationReference(context.activity));

  // Installed, or added to a team or chat: keep where to reach it.
  app.activity(ActivityTypes.ConversationUpdate, async (context) => remember(context));
  app.activity(ActivityTypes.InstallationUpdate, async (context) => remember(context));

  app.activity(ActivityTypes.Message, async (context) => {
    await remember(context);
    const staff = await staffOf(chat, context);
    if (!staff) return void (await send(context, unknownCard(context)));
    const parsed = parseChatCommand((context.activity.text ?? '').trim());
    if (!parsed.ok) return void (await send(context, errorCard(parsed.message, 'usage')));
    const reply = await answerCommand(chat, staff, parsed.command, {
      conversation: context.activity.conversation.id,
      key: `teams:message:${context.activity.id}`,
      resolvePerson: async (typed) => {
        const mention = context.activity.entities?.find((e) => e.type === 'mention' && typeof e.text === 'string' && typed.includes(e.text.replace(/<\/?at>/g, '')));
        const id = (mention?.mentioned as { id?: string } | undefined)?.id;
        if (id) return (await chat.ctx.store.staffByChatId('teams', id))?.id ?? null;
        return (await chat.ctx.store.getStaff(typed.trim().toLowerCase()))?.id ?? null;
      },
    });
    await sendReply(context, reply);
  });

  app.adaptiveCards.actionExecute<Payload & { verb: string; comment?: string }>(EXECUTE_VERBS as string[], async (context, _state, data) => {
    const staff = await staffOf(chat, context);
    if (!staff) return toAdaptiveCard(unknownCard(context)) as never;
    const verb = context.activity.value?.action?.verb as Verb;
    const user = context.activity.from.aadObjectId ?? context.activity.from.id;
    // Retried invokes and double clicks on one card carry the same ids: one record.
    const key = `teams:execute:${user}:${verb}:${data.learner ?? ''}:${data.proposal ?? ''}:${context.activity.replyToId ?? ''}`;
    const reply = await answerAction(chat, staff, verb, data, data.comment ? { comment: data.comment } : {}, key);
    const card = reply.kind === 'card' ? reply.card : reply.kind === 'form' ? formLauncher(reply.form) : doneCard('Decision recorded', 'The request now shows the decision.', data.learner);
    return toAdaptiveCard(card) as never;
  });

  app.taskModules.fetch<Payload & { verb: string }>(FORM_OPENING_VERBS as string[], async (context, _state, data) => {
    const staff = await staffOf(chat, context);
    if (!staff) return dialog(unknownCard(context));
    const reply = await answerAction(chat, staff, data.verb as Verb, data, {}, `teams:fetch:${context.activity.id}`);
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
    const answer = await answerSubmission(chat, staff, data.verb as FormVerb, data, values as FormValues, key);
    if (!answer.ok) {
      const form = await reopen(chat, staff, data);
      const problems = Object.entries(answer.errors).map(([field, message]) => `${field}: ${message}`).join('\n');
      return form ? formDialog({ ...form, blocks: [{ kind: 'text', text: `Please check: ${problems}` }, ...form.blocks] }, data.form) : problems;
    }
    return answer.reply.kind === 'card' ? answer.reply.card.summary : 'Done.';
  });

  async function sendReply(context: TurnContext, reply: Reply): Promise<void> {
    if (reply.kind === 'nothing') return;
    const card = reply.kind === 'form' ? formLauncher(reply.form) : reply.card;
    const personal = context.activity.conversation.conversationType === 'personal';
    if (reply.kind === 'card' && reply.private && !personal) {
      const user = context.activity.from.aadObjectId ?? context.activity.from.id;
      if (await notifier.sendTo(user, card)) {
        await context.sendActivity('I have sent you the answer in our personal chat.');
        return;
      }
      await context.sendActivity('Some answers are only shown in a personal chat: open Waymark in Teams (Apps, Waymark, Add) and ask me there.');
      return;
    }
    await send(context, card);
  }

  return {
    adapter,
    app,
    notifier,
    handle: async (req, res) => {
      await adapter.process(req as never, res as never, async (context) => {
        await app.run(context);
      });
    },
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
