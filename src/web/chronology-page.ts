/**
 * A learner's chronology (/web/<staff>/learners/<learner id>): the facts about them and
 * everything recorded, in time order, printable for an Ofsted or funding auditor. Seen by
 * whoever may see the case in chat; refused (403, nothing about the learner) otherwise; an
 * unknown learner is a 404. A thin edge: chronology-data.ts decides, chronology-html.ts draws.
 */
import { learnerChronology } from './chronology-data.js';
import { chronologyBody } from './chronology-html.js';
import { layout, problemPage } from './layout.js';
import type { PageHandler } from './page-types.js';

export const chronologyPage: PageHandler = async (web, viewer, req) => {
  const learnerId = String(req.params.learner);
  const answer = await learnerChronology(web.ctx, viewer.staff, learnerId);
  switch (answer.kind) {
    case 'unknown-learner':
      return { status: 404, html: problemPage(viewer, 'No such learner', `There is no learner "${learnerId}".`) };
    case 'refused':
      return { status: 403, html: problemPage(viewer, 'You cannot see this learner', 'You cannot see this learner: they are not on your caseload, and you hold no role that covers them. Ask their coach or a manager.') };
    case 'shown': {
      const c = answer.chronology;
      return { html: layout(viewer, { title: `Chronology: ${c.name} (${c.learnerId})`, body: chronologyBody(viewer, c) }) };
    }
  }
};
