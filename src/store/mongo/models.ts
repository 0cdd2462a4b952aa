/**
 * The mongoose models, one per collection, with every index the queries need. Documents
 * hold plain values; mapping to the domain records happens in mongo-store.ts only.
 */
import { Schema, type Connection, type Model } from 'mongoose';

const options = { versionKey: false, strict: true } as const;

const learnerSchema = new Schema(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    programme: { type: String, required: true },
    nation: { type: String, required: true },
    startDate: { type: String, required: true },
    plannedEndDate: String,
    coach: { type: String, index: true },
    employer: String,
    policy: { type: String, required: true },
    erasedAt: Date,
  },
  { ...options, collection: 'learners' },
);

const staffSchema = new Schema(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    roles: { type: [String], index: true },
    slackUserId: { type: String, index: { unique: true, sparse: true } },
    teamsUserId: { type: String, index: { unique: true, sparse: true } },
    covers: [String],
    manager: String,
  },
  { ...options, collection: 'staff' },
);

/** The append-only audit trail: one document per event, unique per learner and key. */
const eventSchema = new Schema(
  {
    learnerId: { type: String, required: true },
    key: { type: String, required: true },
    event: { type: Schema.Types.Mixed, required: true },
    at: { type: Date, required: true },
    actor: { kind: { type: String, required: true }, id: { type: String, required: true } },
    policy: { type: String, required: true },
    packVersion: { type: String, required: true },
    recordedAt: { type: Date, required: true },
  },
  { ...options, collection: 'events' },
);
eventSchema.index({ learnerId: 1, key: 1 }, { unique: true });
eventSchema.index({ learnerId: 1, at: 1, recordedAt: 1 });
// When data last arrived from the feed (the setup card, doctor).
eventSchema.index({ 'actor.kind': 1, recordedAt: -1 });

const caseSchema = new Schema(
  {
    _id: { type: String, required: true },
    policy: { type: String, required: true },
    packVersion: { type: String, required: true },
    state: { type: Schema.Types.Mixed, required: true },
    version: { type: Number, required: true },
    nextWakeUpAt: { type: Date, default: null },
    outbox: { type: [Schema.Types.Mixed], default: [] },
    updatedAt: { type: Date, required: true },
  },
  { ...options, collection: 'cases', minimize: false },
);
caseSchema.index({ nextWakeUpAt: 1 });
caseSchema.index({ policy: 1, packVersion: 1 });
caseSchema.index({ 'outbox.key': 1 });
caseSchema.index({ 'state.open': 1 });
caseSchema.index({ 'state.agenda.meeting': 1, 'state.agenda.date': 1 });
caseSchema.index({ 'state.assignee': 1 });
caseSchema.index({ 'state.proposals.status': 1, 'state.proposals.approver': 1 });

const messageSchema = new Schema(
  {
    _id: { type: String, required: true },
    learnerId: { type: String, default: null },
    platform: { type: String, required: true },
    conversation: { type: String, required: true },
    messageId: { type: String, required: true },
    purpose: { type: String, required: true },
    postedAt: { type: Date, required: true },
    removal: { type: String, enum: ['pending', 'done'] },
  },
  { ...options, collection: 'messages' },
);
messageSchema.index({ learnerId: 1, purpose: 1 });
messageSchema.index({ removal: 1, postedAt: 1 });

/** Erasures of learners' personal data (who, when, why): part of their audit trail. */
const erasureSchema = new Schema(
  {
    learnerId: { type: String, required: true, index: true },
    at: { type: Date, required: true },
    by: { type: String, required: true },
    reason: { type: String, required: true },
    events: { type: Number, required: true },
    messages: { type: Number, required: true },
  },
  { ...options, collection: 'erasures' },
);

/** The access log: every view of a learner's restricted details (who, when, where). */
const restrictedAccessSchema = new Schema(
  {
    learnerId: { type: String, required: true },
    viewer: { type: String, required: true },
    at: { type: Date, required: true },
    view: { type: String, required: true },
  },
  { ...options, collection: 'restricted_access' },
);
restrictedAccessSchema.index({ learnerId: 1, at: 1 });

/** Side effects done once, by key (nudges sent, notifications delivered). */
const claimSchema = new Schema(
  {
    _id: { type: String, required: true },
    state: { type: String, enum: ['claimed', 'done'], required: true },
    claimedAt: { type: Date, required: true },
  },
  { ...options, collection: 'claims' },
);

/** Installation settings by key (e.g. the Slack channel bound for alerts). */
const settingSchema = new Schema(
  {
    _id: { type: String, required: true },
    value: { type: String, required: true },
    updatedAt: { type: Date, required: true },
  },
  { ...options, collection: 'settings' },
);

/** Every version of every policy pack run on this database (its content hash, when). */
const policyVersionSchema = new Schema(
  {
    _id: { type: String, required: true },
    policy: { type: String, required: true },
    version: { type: String, required: true },
    hash: { type: String, required: true },
    since: { type: Date, required: true },
    previous: { type: String, default: null },
  },
  { ...options, collection: 'policy_versions' },
);
policyVersionSchema.index({ policy: 1, since: 1 });

/** The version in force of each policy pack: one document per pack id. */
const policySchema = new Schema(
  {
    _id: { type: String, required: true },
    version: { type: String, required: true },
    since: { type: Date, required: true },
  },
  { ...options, collection: 'policies' },
);

export function models(connection: Connection) {
  return {
    Learner: model(connection, 'Learner', learnerSchema),
    Staff: model(connection, 'Staff', staffSchema),
    Event: model(connection, 'Event', eventSchema),
    Case: model(connection, 'Case', caseSchema),
    Message: model(connection, 'Message', messageSchema),
    Claim: model(connection, 'Claim', claimSchema),
    Setting: model(connection, 'Setting', settingSchema),
    PolicyVersion: model(connection, 'PolicyVersion', policyVersionSchema),
    Policy: model(connection, 'Policy', policySchema),
    Erasure: model(connection, 'Erasure', erasureSchema),
    RestrictedAccess: model(connection, 'RestrictedAccess', restrictedAccessSchema),
  };
}
export type Models = ReturnType<typeof models>;

function model(connection: Connection, name: string, schema: Schema): Model<Record<string, unknown>> {
  return (connection.models[name] as Model<Record<string, unknown>> | undefined) ?? connection.model<Record<string, unknown>>(name, schema);
}
