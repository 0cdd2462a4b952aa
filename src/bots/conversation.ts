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
import { learnerRef } from '../cases/case-summary.js';
import type { CaseContext } from '../cases/case-context.js';
import { londonDay } from '../rules/calendar/index.js';
import { nextSitting } from '../rules/engine/schedule.js';
import type { Pack } from '../rules/pack/pack-schema.js';
import type { StaffRecord } from '../store/records.js';
import type { Card, Form, FormVerb, Payload, Verb } from '../cards/card.js';
import { caseloadCard, meetingDigestCard } from '../cards/catalogue/digests.js';
import { logContactForm, proposeStepForm, recordFactForm, smtDecisionForm } from '../cards/catalogue/forms.js';
import { caseCard, doneCard, errorCard, helpCard, pendingApprovalsCard, pickerCard } from '../cards/catalogue/query-cards.js';
import { policyCard } from '../cards/catalogue/policy.js';
import type { ChatCommand } from './chat-command.js';
import { findLearner, PICKER_LIMIT } from './find-learner.js';
import { submissionCommand, type FormValues } from './form-values.js';

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
}

/** What a person is told when their action could not be confirmed (never a silent success). */
export const NOT_CONFIRMED =
  'Waymark could not confirm that this went through (it could not reach its database, or something failed on our side). Check the case in a minute, and try again if it is not there.';

/** Where an installation's alerts and SMT digest go, per platform. */
export const channelSetting = (platform: 'slack' | 'teams', what: 'alerts' | 'smt') => `${platform}:channel:${what}`;

/** The meeting `smt` means: the first meeting held by the SMT role in the loaded packs. */
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
      return answer.ok ? privately(caseloadCard(answer.value, coach === staff.id ? 'Your caseload' : `Caseload of ${coach}`)) : refused(answer.refusal);
    }
    case 'approvals':
      return approvals(deps, staff);
    case 'policy':
      return policy(deps);
    case 'smt':
      return smtAgenda(deps, staff, command.date);
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
        });
        return resultReply(result, 'Contact logged', `${command.channel}, ${command.outcome.replace('_', ' ')}, for ${found.learner.name}.`);
      }
      return answerAction(deps, staff, verb, { learner: found.learner.id }, {}, at.key);
    }
  }
}

/** A button: open a form, show a card, or run a command. */
export async function answerAction(deps: ChatDeps, staff: StaffRecord, verb: Verb, payload: Payload, inputs: { comment?: string }, key: string): Promise<Reply> {
  const learnerId = payload.learner;
  switch (verb) {
    case 'help':
      return privately(helpCard());
    case 'caseload':
      return answerCommand(deps, staff, { kind: 'caseload' }, { conversation: '', key, resolvePerson: async () => null });
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
      });
      // The decision result updates the request in place and tells the proposer.
      return result.ok ? { kind: 'nothing' } : refused(result.refusal);
    }
    case 'claim': {
      // Claiming is how a case gets onto a caseload, so it cannot need the case view first.
      if (!learnerId) break;
      const result = await deps.service.execute({ kind: 'claim', actor: staff.id, key, learnerId });
      const name = result.ok ? ((await deps.ctx.store.getLearner(learnerId))?.name ?? learnerId) : '';
      return resultReply(result, 'Case claimed', `${name} is on your caseload.`);
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
  const result = await deps.service.execute(command);
  if (!result.ok) return { ok: false, errors: fieldErrors(result.refusal.message, built.firstField) };
  const learner = (await deps.ctx.store.getLearner(result.learnerId))?.name ?? result.learnerId;
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

/** Any staff member may ask, as for help: the answer holds no learner data. */
function policy(deps: ChatDeps): Reply {
  const inForce = deps.packs.find((p) => p.id === deps.defaultPolicy) ?? deps.ctx.packFor(deps.defaultPolicy);
  if (!inForce) return refused({ message: `The policy in force, "${deps.defaultPolicy}", is not loaded.` });
  return privately(policyCard(inForce, deps.packs.filter((p) => p.id !== inForce.id)));
}

async function smtAgenda(deps: ChatDeps, staff: StaffRecord, date: string | undefined): Promise<Reply> {
  const pack = deps.packs.find((p) => p.meetings.some((m) => m.role === SMT_ROLE));
  const meeting = pack?.meetings.find((m) => m.role === SMT_ROLE);
  if (!pack || !meeting) return refused({ message: 'None of the loaded policies has an SMT meeting.' });
  const now = deps.ctx.now().getTime();
  const day = date ?? nextSitting(meeting, 'england', now, londonDay(now));
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
