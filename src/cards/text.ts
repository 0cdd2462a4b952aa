/**
 * Text that fits: clipping to a platform's limit with an ellipsis, and the "and N more"
 * line a long list ends with. Both renderers use these, so a card never fails for being
 * long; it says what it left out.
 */

/** At most `max` characters; a clipped text ends with an ellipsis. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max - 1)).trimEnd()}…`;
}

/** The items a list shows, and the line that says how many it left out (if any). */
export function shown<T>(items: readonly T[], limit: number): { items: readonly T[]; more: string | null } {
  if (items.length <= limit) return { items, more: null };
  const left = items.length - limit;
  return { items: items.slice(0, limit), more: `…and ${left} more` };
}

/** The default number of list items shown before "and N more". */
export const LIST_LIMIT = 10;
