/**
 * Query semantics come from mingo: matching, sorting, projection and aggregation. This file
 * is the only place that constructs mingo objects for reads, so the options (strict MongoDB
 * mode, scripts off) are set once.
 */
import { Aggregator, ProcessingMode, Query } from 'mingo';
import { badValue, CommandError } from './errors.js';
import { isPlainObject, type Doc } from './values.js';

/** mingo's options type, as its constructors take it. */
type MingoOptions = NonNullable<ConstructorParameters<typeof Query>[1]>;

const BASE_OPTIONS: Partial<MingoOptions> = {
  // $where and $function would run arbitrary JavaScript in this process.
  scriptEnabled: false,
  useStrictMode: true,
};

export type Predicate = (doc: Doc) => boolean;

export function asFilter(value: unknown, what = 'filter'): Doc {
  if (value === undefined || value === null) return {};
  if (!isPlainObject(value)) throw new CommandError('TypeMismatch', `${what} must be an object`);
  return value;
}

export function compileFilter(filter: Doc): Predicate {
  if (Object.keys(filter).length === 0) return () => true;
  const query = new Query(filter, BASE_OPTIONS);
  return (doc) => query.test(doc);
}

export interface FindSpec {
  readonly filter: Doc;
  readonly sort?: Doc | undefined;
  readonly skip?: number | undefined;
  readonly limit?: number | undefined;
  readonly projection?: Doc | undefined;
}

/**
 * filter, then sort, skip and limit, then projection: the order mongod applies them in.
 * Without a sort the scan stops as soon as skip + limit documents matched (mingo's own
 * limit would still test every document).
 */
export function findDocuments(docs: readonly Doc[], spec: FindSpec): Doc[] {
  const { sort, natural } = splitNaturalSort(spec.sort);
  const source = natural === -1 ? [...docs].reverse() : docs;
  const matches = compileFilter(spec.filter);
  const skip = spec.skip ?? 0;
  const limit = spec.limit ?? 0;
  let selected: Doc[];
  if (sort) {
    const sorted = new Query({}, BASE_OPTIONS)
      .find<Doc>(source.filter((doc) => matches(doc)))
      .sort(sort as Record<string, 1 | -1>)
      .all();
    selected = sorted.slice(skip, limit > 0 ? skip + limit : undefined);
  } else {
    selected = [];
    let matched = 0;
    for (const doc of source) {
      if (!matches(doc) || matched++ < skip) continue;
      selected.push(doc);
      if (limit > 0 && selected.length >= limit) break;
    }
  }
  const projection = spec.projection && Object.keys(spec.projection).length > 0 ? spec.projection : undefined;
  return projection ? new Query({}, BASE_OPTIONS).find<Doc>(selected, projection).all() : selected;
}

/** `{ $natural: -1 }` asks for reverse insertion order; mingo knows no such field. */
function splitNaturalSort(sort: Doc | undefined): { sort?: Doc; natural?: number } {
  if (!sort || Object.keys(sort).length === 0) return {};
  const { $natural, ...rest } = sort;
  for (const [field, direction] of Object.entries(rest)) {
    if (direction !== 1 && direction !== -1) {
      throw badValue(`$sort key ordering must be 1 (for ascending) or -1 (for descending) (field ${field})`);
    }
  }
  return {
    ...(Object.keys(rest).length > 0 ? { sort: rest } : {}),
    ...(typeof $natural === 'number' ? { natural: $natural } : {}),
  };
}

/** Sorts documents (used by findAndModify and single-document updates with a sort). */
export function sortDocuments(docs: readonly Doc[], sort: Doc | undefined): Doc[] {
  return findDocuments(docs, { filter: {}, sort });
}

/** Applies a projection to one document. */
export function projectDocument(doc: Doc, projection: Doc | undefined): Doc {
  if (!projection || Object.keys(projection).length === 0) return doc;
  return findDocuments([doc], { filter: {}, projection })[0] ?? {};
}

/**
 * Runs an aggregation pipeline. `resolve` gives the documents of another collection of the
 * same database, for $lookup, $graphLookup and $unionWith.
 */
export function runPipeline(docs: readonly Doc[], pipeline: Doc[], resolve: (name: string) => Doc[], variables?: Doc): Doc[] {
  const aggregator = new Aggregator(pipeline, {
    ...BASE_OPTIONS,
    collectionResolver: resolve,
    // Stages may build new objects from their input; never let them touch stored documents.
    processingMode: ProcessingMode.CLONE_INPUT,
    ...(variables ? { variables } : {}),
  });
  return aggregator.run(docs as Doc[]) as Doc[];
}
