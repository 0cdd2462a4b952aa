/**
 * The approval request's controls: a comment box and approve / reject / ask for more,
 * each carrying the learner and the proposal it decides.
 */
import type { Action, Block } from '../card.js';

export const COMMENT_INPUT = 'comment';

export const approvalComment: Block = {
  kind: 'input',
  input: { kind: 'text', id: COMMENT_INPUT, label: 'Comment (optional; required to ask for more)', multiline: true, maxLength: 2000 },
};

export function approvalActions(learner: string, proposal: string): Action[] {
  const payload = { learner, proposal };
  return [
    { verb: 'approve', label: 'Approve', style: 'primary', payload },
    { verb: 'reject', label: 'Reject', style: 'danger', payload },
    { verb: 'ask-more', label: 'Ask for more', payload },
  ];
}

export { verdictHeadline as verdictLine } from '../../cases/wording.js';
