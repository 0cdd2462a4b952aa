/**
 * What to show a person for what they typed, clicked or submitted, the same in Slack and
 * Teams: a card (private to them, or not), a form to open, or nothing more. It translates
 * chat into the service's commands and queries and their answers into cards; every rule
 * stays in the service and the engine. The adapters only render and send the reply.
 */
import type { CaseQueries } from '../cases/case-queries.js';
import type { CaseService, CommandResult } from '../cases/case-service.js';
import type { CommandInput } from '../cases/commands.js';
import { mayAdminister } from '../cases/authorization.js';
import { channelSetting } from '../cases/channel-settings.js';
import { learnerRef, roleName } from '../cases/case-summary.js';
import { staffName } from '../cases/staff-directory.js';
import type { CaseContext } from '../cases/case-context.js';
import { londonDay } from '../rules/calendar/index.js';
import { nextSitting } from '../rules/engine/schedule.js';
import type { Meeting, Pack } from '../rules/pack/pack-schema.js';
import { scheduleWords } from '../rules/explain/effect-words.js';
import { setupStatus } from '../cases/setup-status.js';
import { platformName } from '../cases/staff-links.js';
import { meetingsCard, type MeetingSitting } from '../cards/catalogue/meetings.js';
import { setupStatusCard } from '../cards/catalogue/setup.js';
import type { StaffRecord } from '../store/records.js';
import type { Card, Form, FormVerb, Payload, Verb } from '../cards/card.js';
import { caseloadCard, meetingDigestCard } from '../cards/catalogue/digests.js';
import { logContactForm, proposeStepForm, recordFactForm, smtDecisionForm } from '../cards/catalogue/forms.js';
import { caseCard, doneCard, errorCard, helpCard, pendingApprovalsCard, pickerCard } from '../cards/catalogue/query-cards.js';
import { policyCard } from '../cards/catalogue/policy.js';
import type { ChatCommand } from './chat-command.js';
import { findLearner, PICKER_LIMIT } from './find-learner.js';
import { submissionCommand, type FormValues } from './form-values.js';
import type { WorkQueue } from './work-queue.js';
import { chronologyLink, registerLinks, type Sitting } from './web-links.js';
import type { WebLinks } from '../web/links.js';

export type Reply = { readonly kind: 'card'; readonly card: Card; readonly private: boolean } | { readonly kind: 'form'; readonly form: Form } | { readonly kind: 'nothing' };

export interface ChatDeps {
  readonly ctx: CaseContext;
  readonly service: CaseService;
  readonly queries: CaseQueries;
  /** The loaded packs (for meetings and their schedules). */
  readonly packs: readonly Pack[];
  /** The id of the policy in force: the pack for learners sent without one (WAYMARK_POLICY). */
  readonly defaultPolicy: string;
  readonly platform: 'slack' | 'teams';
  /** Where the work behind requests runs, bounded (work-queue.ts): one per process. */
  readonly work: WorkQueue;
  /** Signs links to the web pages; null or absent when the bot has no public address (WAYMARK_PUBLIC_URL). */
  readonly links?: WebLinks | null;
}

/** What a person is told when their action could not be confirmed (never a silent success). */
export const NOT_CONFIRMED =
  'Waymark could not confirm that this went through (it could not reach its database, or something failed on our side). Check the case in a minute, and try again if it is not there.';

/**
 * What a person is told when the work queue is full: their request was not taken, so
 * nothing was recorded, and they can simply send it again.
 */
export const BUSY = 'Waymark is busy with a lot of requests right now, so this was not done. Please try again in a minute.';

/** What a request is answered with when its work was handed off: the answer follows. */
export const WORKING_ON_IT = 'Waymark is working on it: the answer will follow in this chat in a moment.';

/** The busy answer as a card. */
export const busyCard = (): Card => errorCard(BUSY, 'busy');


/** `meetings smt` means the first meeting held by the SMT role. */
export const SMT_ROLE = 'smt';

const privately = (card: Card): Reply => ({ kind: 'card', card, private: true });
const refused = (r: { message: string; code?: string }): Reply => privately(errorCard(r.message, r.code));

export interface CommandContext {
  /** The conversation the command was typed in (for `setup`). */
  readonly conversation: string;
  /** The idempotency key of this command (the platform's id for the request). */
  readonly key: string;
  /** A mention or name as a staff id, or null. */
  readonly resolvePerson: (typed: string) => Promise<string | null>;
}

export async function answerCommand(deps: ChatDeps, staff: StaffRecord, command: ChatCommand, at: CommandContext): Promise<Reply> {
  switch (command.kind) {
    case 'help':
      return privately(helpCard());
    case 'caseload': {
      const coach = command.person === undefined ? staff.id : await at.resolvePerson(command.person);
      if (coach === null) return refused({ message: `Nobody in the staff directory matches "${command.person}".` });
      const answer = await deps.queries.caseload(staff.id, coach);
      if (!answer.ok) return refused(answer.refusal);
      return privately(caseloadCard(answer.value, coach === staff.id ? 'Your caseload' : `Caseload of ${await staffName(deps.ctx, coach)}`));
    }
    case 'approvals':
      return approvals(deps, staff);
    case 'policy':
      return policy(deps);
    case 'register':
      return answerAction(deps, staff, 'open-register', {}, {}, at.key);
    case 'meetings':
      return meetings(deps, staff, command);
    case 'setup-status': {
      const refusal = mayAdminister(staff);
      if (refusal) return refused(refusal);
      const policy = policyInForce(deps);
      const checks = await setupStatus(deps.ctx, { platform: deps.platform, policy, policyId: deps.defaultPolicy, packs: deps.packs, typed: typedOn(deps.platform) });
      return privately(setupStatusCard(platformName(deps.platform), checks));
    }
    case 'setup': {
      const refusal = mayAdminister(staff);
      if (refusal) return refused(refusal);
      await deps.ctx.store.putSetting(channelSetting(deps.platform, command.what), at.conversation);
      const what = command.what === 'alerts' ? 'At-risk alerts and case updates' : "The SMT's weekly digest and decisions";
      return privately(doneCard('Channel set', `${what} will be posted in this channel.`));
    }
    case 'case':
    case 'log':
    case 'record':
    case 'escalate': {
      const found = await findLearner(deps.ctx.store, command.learner);
      const verb: Verb = { case: 'open-case', log: 'log-contact', record: 'record-fact', escalate: 'propose-step' }[command.kind] as Verb;
      if (found.kind === 'none') return refused({ message: found.message });
      if (found.kind === 'many') {
        const shown = found.learners.slice(0, PICKER_LIMIT).map((l) => learnerRef(l, null));
        return privately(pickerCard(command.learner, verb, shown, found.learners.length > PICKER_LIMIT));
      }
      if (command.kind === 'log' && command.channel && command.outcome) {
        const result = await deps.service.execute({
          kind: 'log-contact',
          actor: staff.id,
          key: at.key,
          learnerId: found.learner.id,
          channel: command.channel,
          outcome: command.outcome,
          ...(command.note ? { note: command.note } : {}),
        }, { staff, learner: found.learner });
        return resultReply(result, 'Contact logged', `${command.channel}, ${command.outcome.replace('_', ' ')}, for ${found.learner.name}.`);
      }
      return answerAction(deps, staff, verb, { learner: found.learner.id }, {}, at.key);
    }
  }
}

/** The meeting sitting a button names (the SMT digest's), if it names one whole. */
function sittingOf(payload: Payload): Sitting | undefined {
  const { policy, meeting, date } = payload;
  if (policy === undefined || meeting === undefined) return undefined;
  return { policy, meeting, ...(date !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(date) ? { date } : {}) };
}

/** A button: open a form, show a card, or run a command. */
export async function answerAction(deps: ChatDeps, staff: StaffRecord, verb: Verb, payload: Payload, inputs: { comment?: string }, key: string): Promise<Reply> {
  const learnerId = payload.learner;
  switch (verb) {
    case 'help':
      return privately(helpCard());
    case 'caseload':
      return answerCommand(deps, staff, { kind: 'caseload' }, { conversation: '', key, resolvePerson: async () => null });
    // A link is for the asker alone: always a private answer, never a post in a channel.
    case 'open-register':
      return privately(registerLinks(linkDeps(deps), staff, `Type ${typedOn(deps.platform)('register')} for a new one.`, sittingOf(payload)));
    case 'open-chronology':
      if (!learnerId) break;
      return privately(await chronologyLink(linkDeps(deps), staff, learnerId, `Type ${typedOn(deps.platform)(`case ${learnerId}`)} and click Chronology for a new one.`));
    case 'approve':
    case 'reject':
    case 'ask-more': {
      if (!learnerId || !payload.proposal) return refused({ message: 'That button is missing its learner or proposal; open the case and try again.' });
      const verdict = verb === 'approve' ? 'approved' : verb === 'reject' ? 'rejected' : 'more-information';
      const result = await deps.service.execute({
        kind: 'decide',
        actor: staff.id,
        key,
        learnerId,
        proposal: payload.proposal,
        verdict,
        ...(inputs.comment?.trim() ? { comment: inputs.comment.trim() } : {}),
      }, { staff });
      // The decision result updates the request in place and tells the proposer.
      return result.ok ? { kind: 'nothing' } : refused(result.refusal);
    }
    case 'claim': {
      // Claiming is how a case gets onto a caseload, so it cannot need the case view first.
      if (!learnerId) break;
      const result = await deps.service.execute({ kind: 'claim', actor: staff.id, key, learnerId }, { staff });
      return resultReply(result, 'Case claimed', `${result.ok ? result.learnerName : ''} is on your caseload.`);
    }
    default:
      break;
  }
  if (!learnerId) return refused({ message: 'That button is missing its learner; open the case and try again.' });
  const detail = await deps.queries.caseDetail(staff.id, learnerId);
  if (!detail.ok) return refused(detail.refusal);
  const learner = detail.value.learner;
  switch (verb) {
    case 'open-case':
      return privately(caseCard(detail.value));
    case 'log-contact':
      return { kind: 'form', form: logContactForm(learner) };
    case 'record-fact': {
      const pack = deps.ctx.packFor(learner.policy);
      return { kind: 'form', form: recordFactForm(learner, pack?.concernCategories ?? []) };
    }
    case 'propose-step':
      return { kind: 'form', form: proposeStepForm(learner, detail.value.steps) };
    case 'record-smt-decision': {
      const pack = deps.ctx.packFor(learner.policy);
      const meeting = pack?.meetings.find((m) => m.id === payload.meeting);
      if (!meeting || !payload.date) return refused({ message: 'That button does not name a meeting and date.' });
      const owners = [...(await deps.ctx.store.staffWithRole('coach')), ...(await deps.ctx.store.staffWithRole(meeting.role))];
      const unique = [...new Map(owners.map((o) => [o.id, { id: o.id, name: o.name }])).values()];
      return { kind: 'form', form: smtDecisionForm(learner, { id: meeting.id, name: meeting.name, date: payload.date }, unique) };
    }
  }
  return refused({ message: `Waymark does not know the button "${verb}".` });
}

/** A submitted form: run its command; a refusal goes back to the form, by field where it can. */
export async function answerSubmission(
  deps: ChatDeps,
  staff: StaffRecord,
  verb: FormVerb,
  payload: Payload,
  values: FormValues,
  key: string,
): Promise<{ ok: true; reply: Reply } | { ok: false; errors: Record<string, string> }> {
  const built = submissionCommand(verb, payload, values);
  if (!built.ok) return { ok: false, errors: built.errors };
  const command = { ...built.command, actor: staff.id, key } as CommandInput;
  const result = await deps.service.execute(command, { staff });
  if (!result.ok) return { ok: false, errors: fieldErrors(result.refusal.message, built.firstField) };
  const learner = result.learnerName;
  const what: Record<FormVerb, string> = {
    'submit-contact': 'Contact logged',
    'submit-fact': 'Recorded',
    'submit-proposal': 'Step proposed',
    'submit-smt-decision': 'Decision recorded',
  };
  const waiting = result.proposal?.status === 'pending' ? ` It waits for the ${result.proposal.approverName}.` : '';
  return { ok: true, reply: privately(doneCard(what[verb], `For ${learner}.${waiting}`, result.learnerId)) };
}

async function approvals(deps: ChatDeps, staff: StaffRecord): Promise<Reply> {
  const answer = await deps.queries.pendingApprovals(staff.id);
  return answer.ok ? privately(pendingApprovalsCard(answer.value)) : refused(answer.refusal);
}

const linkDeps = (deps: ChatDeps) => ({ ctx: deps.ctx, links: deps.links ?? null });

function policyInForce(deps: ChatDeps): Pack | undefined {
  return deps.packs.find((p) => p.id === deps.defaultPolicy) ?? deps.ctx.packFor(deps.defaultPolicy);
}

/** "/waymark setup alerts" in Slack, "@Waymark setup alerts" in Teams. */
export function typedOn(platform: 'slack' | 'teams'): (command: string) => string {
  return (command) => (platform === 'slack' ? `/waymark ${command}` : `@Waymark ${command}`);
}

/** Any staff member may ask, as for help: the answer holds no learner data. */
function policy(deps: ChatDeps): Reply {
  const inForce = policyInForce(deps);
  if (!inForce) return refused({ message: `The policy in force, "${deps.defaultPolicy}", is not loaded.` });
  return privately(policyCard(inForce, deps.packs.filter((p) => p.id !== inForce.id)));
}

/**
 * The policy in force's meetings and their next sittings (or `date`), with the agenda for
 * the meetings the asker sits in; a named meeting (id or part of its name, in the policy
 * in force or another loaded one) answers with its agenda and the buttons to decide.
 */
async function meetings(deps: ChatDeps, staff: StaffRecord, command: Extract<ChatCommand, { kind: 'meetings' }>): Promise<Reply> {
  const inForce = policyInForce(deps);
  if (!inForce) return refused({ message: `The policy in force, "${deps.defaultPolicy}", is not loaded.` });
  const now = deps.ctx.now().getTime();
  const dayOf = (meeting: Meeting) => command.date ?? nextSitting(meeting, 'england', now, londonDay(now));
  if (command.meeting !== undefined) {
    const wanted = command.meeting.toLowerCase();
    const packs = [inForce, ...deps.packs.filter((p) => p !== inForce)];
    const matches = (m: Meeting) => m.id === wanted || m.name.toLowerCase().includes(wanted) || (wanted === SMT_ROLE && m.role === SMT_ROLE);
    const pack = packs.find((p) => p.meetings.some(matches));
    const meeting = pack?.meetings.find(matches);
    if (!pack || !meeting) {
      const known = inForce.meetings.map((m) => `${m.id} (${m.name})`).join(', ') || 'none';
      return refused({ message: `${inForce.name} has no meeting "${command.meeting}"; its meetings: ${known}.` });
    }
    return meetingAgenda(deps, staff, pack, meeting, dayOf(meeting));
  }
  const sittings: MeetingSitting[] = [];
  for (const m of inForce.meetings) {
    const next = dayOf(m);
    const answer = staff.roles.includes(m.role) ? await deps.queries.agenda(staff.id, m.id, next) : null;
    sittings.push({
      id: m.id,
      name: m.name,
      heldBy: roleName(inForce, m.role),
      schedule: scheduleWords(m),
      next,
      agenda: answer?.ok ? answer.value.map((a) => a.learner.name) : null,
    });
  }
  return privately(meetingsCard(inForce.name, sittings, typedOn(deps.platform)('meetings <meeting>')));
}

async function meetingAgenda(deps: ChatDeps, staff: StaffRecord, pack: Pack, meeting: Meeting, day: string): Promise<Reply> {
  const answer = await deps.queries.agenda(staff.id, meeting.id, day);
  if (!answer.ok) return refused(answer.refusal);
  return privately(
    meetingDigestCard({
      type: 'meeting-digest',
      audience: { kind: 'meeting-channel', policy: pack.id, meeting: meeting.id },
      sensitivity: 'general',
      meeting: meeting.id,
      meetingName: meeting.name,
      date: day,
      items: answer.value,
    }),
  );
}

function resultReply(result: CommandResult, title: string, text: string): Reply {
  if (!result.ok) return refused(result.refusal);
  return privately(doneCard(result.status === 'repeat' ? `${title} (already)` : title, text, result.learnerId));
}

/** "command.channel: must be ..." becomes an error on the form's `channel` field. */
function fieldErrors(message: string, firstField: string): Record<string, string> {
  const field = /^command\.([A-Za-z]+):/.exec(message)?.[1];
  return { [field ?? firstField]: message.replace(/^command\.[A-Za-z]+: /, '') };
}
