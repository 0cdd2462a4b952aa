/**
 * findAndModify: update or remove one document and return it, before or after (`new`).
 * The whole command runs synchronously, so of many clients racing the same conditional
 * update exactly one finds the document still matching. Errors (a duplicate key included)
 * fail the command with ok: 0, unlike the batch write commands.
 */
import { collectionName, existingCollection, optionalDoc, type CommandContext, type CommandTable } from '../context.js';
import { CommandError } from '../errors.js';
import { asFilter, projectDocument } from '../query.js';
import { applyUpdate, buildUpsert, classifyUpdate, unchanged } from '../update-engine.js';
import type { Doc } from '../values.js';
import { arrayFiltersOf, selectTargets } from './update.js';

function findAndModify(command: Doc, context: CommandContext): Doc {
  const name = collectionName(command, Object.keys(command)[0]!);
  const query = asFilter(command.query, 'query');
  const fields = optionalDoc(command, 'fields');
  const remove = command.remove === true;
  const update = command.update as Doc | Doc[] | undefined;
  if (remove && update !== undefined) throw new CommandError('FailedToParse', 'Cannot specify both an update and remove=true');
  if (!remove && update === undefined) throw new CommandError('FailedToParse', 'Either an update or remove=true must be specified');
  if (remove && command.upsert === true) throw new CommandError('FailedToParse', 'Cannot specify both upsert=true and remove=true');
  if (remove && command.new === true) throw new CommandError('FailedToParse', 'Cannot specify both new=true and remove=true; \'remove\' always returns the deleted document');

  const collection = existingCollection(context, name);
  const [target] = selectTargets(collection, query, { multi: false, sort: optionalDoc(command, 'sort') });
  const reply = (value: Doc | undefined, lastErrorObject: Doc): Doc => ({
    lastErrorObject,
    value: value ? projectDocument(value, fields) : null,
    ok: 1,
  });

  if (remove) {
    if (target) collection!.remove(target);
    return reply(target, { n: target ? 1 : 0 });
  }
  classifyUpdate(update);
  const options = { query, arrayFilters: arrayFiltersOf(command) };
  if (target) {
    const next = applyUpdate(target, update!, options);
    if (!unchanged(target, next)) collection!.replace(target, next);
    return reply(command.new === true ? next : target, { n: 1, updatedExisting: true });
  }
  if (command.upsert !== true) return reply(undefined, { n: 0, updatedExisting: false });
  const doc = buildUpsert(update!, options);
  context.storage.ensureCollection(context.db, name).insert(doc);
  return reply(command.new === true ? doc : undefined, { n: 1, updatedExisting: false, upserted: doc._id });
}

export const findAndModifyCommands: CommandTable = { findAndModify, findandmodify: findAndModify };
