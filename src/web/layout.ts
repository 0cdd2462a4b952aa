/**
 * The frame of every web page: a plain, accessible HTML document (landmarks, a skip link,
 * one h1), the navigation between pages, and a stylesheet that prints on A4. No script:
 * filters and sorting are links and forms the server answers.
 */
import { esc } from '../explain/html.js';
import { whenWords } from '../cases/wording.js';
import { WEB_CSS } from './web-style.js';
import { href, type Viewer } from './viewer.js';

export interface PageParts {
  readonly title: string;
  /** Which entry of the navigation is this page (none for a learner's chronology). */
  readonly current?: 'register' | 'charts';
  /** The page's content, already HTML. */
  readonly body: string;
}

export function layout(viewer: Viewer, { title, current, body }: PageParts): string {
  const nav = [
    { id: 'register', label: 'At-risk register', link: href(viewer, { page: 'register' }) },
    { id: 'charts', label: 'Charts', link: href(viewer, { page: 'charts' }) },
  ]
    .map((n) => `<li><a href="${n.link}"${n.id === current ? ' aria-current="page"' : ''}>${n.label}</a></li>`)
    .join('');
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${esc(title)} · Waymark</title>
<style>${WEB_CSS}</style>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site">
<p class="brand">Waymark</p>
<nav aria-label="Pages"><ul>${nav}</ul></nav>
<p class="who">Signed in as ${esc(viewer.staff.name)} · link valid for a few minutes</p>
</header>
<main id="main">
<h1>${esc(title)}</h1>
${body}
</main>
<footer class="site"><p>Drawn ${esc(whenWords(viewer.now))} (UK time). Confidential: learners' personal data.</p></footer>
</body>
</html>
`;
}

/** The page a refused link gets: what happened and how to get a good one, nothing else. */
export function refusedPage(): string {
  return `<!doctype html>
<html lang="en-GB">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Link not valid · Waymark</title><style>${WEB_CSS}</style></head>
<body><main id="main"><h1>This link is not valid</h1>
<p>It has expired, was changed, or was made for someone else. Links from Waymark work for 15 minutes and only for the person they were sent to.</p>
<p>Ask Waymark for a new one: type <code>register</code> to Waymark in Slack or Teams.</p></main></body>
</html>
`;
}

/** A page for a viewer who may not see what they asked for, or asked for something that is not there. */
export function problemPage(viewer: Viewer, title: string, message: string): string {
  return layout(viewer, { title, body: `<p>${esc(message)}</p>` });
}
