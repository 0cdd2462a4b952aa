/**
 * A policy pack as a document for the people who sign it off: what `waymark policy
 * explain` renders as Markdown or HTML, built from the pack's data alone (explain-pack.ts).
 * Plain text throughout: renderers escape it, so a pack's words can never become markup.
 */

export interface PolicyDocument {
  /** The pack's name. */
  readonly title: string;
  /** The name with the pack's id and version, e.g. for a browser tab or a printed page. */
  readonly pageTitle: string;
  /** Provider, pack id and version, the written policy. */
  readonly facts: readonly DocFact[];
  /** How to read the document. */
  readonly intro: readonly string[];
  readonly sections: readonly DocSection[];
}

export interface DocFact {
  readonly label: string;
  readonly value: string;
}

export interface DocTable {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

export interface DocList {
  readonly title: string;
  readonly items: readonly string[];
}

export interface DocSection {
  /** The anchor: the title in lower case, words joined by "-" (as GitHub makes a heading's). */
  readonly id: string;
  readonly title: string;
  /** Paragraphs before the items. */
  readonly intro: readonly string[];
  readonly table?: DocTable;
  readonly items: readonly DocItem[];
}

/** One element of the pack: a rule, a stage, a task, an outcome ... */
export interface DocItem {
  /** The element's id in the pack, to find it in the JSON (none for the ratings and pack-wide decisions). */
  readonly id?: string;
  readonly title: string;
  readonly facts: readonly DocFact[];
  readonly lists: readonly DocList[];
  /** The written policy's own words for it. */
  readonly source?: string;
  /** How the pack settled what the written policy left open. */
  readonly decision?: string;
}
