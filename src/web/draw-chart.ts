/**
 * Charts drawn on the server: a vega-lite spec to SVG (inline in a page, with a role and an
 * accessible name) or to PNG (for chat, through resvg; no browser). vega, vega-lite and
 * resvg are loaded the first time a chart is drawn, so starting the bot or the CLI does not
 * pay for them.
 */
import type { TopLevelSpec } from 'vega-lite';
import { esc } from '../explain/html.js';

/** Distinct colours, each at least 3:1 against white (a bar is a graphic object, WCAG 1.4.11). */
export const PALETTE = ['#0b5cad', '#b35900', '#1a7f37', '#8250df', '#a40e26', '#57606a', '#0a7e8c', '#9a6700', '#bf3989', '#3d4f8f'];

/** Fonts found on the server (resvg draws with these) and in browsers. */
const FONT = 'DejaVu Sans, Liberation Sans, Arial, sans-serif';
const INK = '#1f2328';

/** The look every chart shares: dark text, light grid, no ARIA of vega's own (the SVG is one image). */
export const CHART_CONFIG = {
  aria: false,
  font: FONT,
  background: '#ffffff',
  view: { stroke: null },
  axis: { labelColor: INK, titleColor: INK, labelFontSize: 12, titleFontSize: 12, gridColor: '#e1e4e8', domainColor: '#57606a', tickColor: '#57606a' },
  legend: { labelColor: INK, titleColor: INK, labelFontSize: 12, titleFontSize: 12 },
  title: { color: INK, subtitleColor: INK, fontSize: 15, subtitleFontSize: 12, anchor: 'start' },
} as const;

interface Engines {
  readonly compile: typeof import('vega-lite').compile;
  readonly vega: typeof import('vega');
}

let engines: Promise<Engines> | undefined;

function loadEngines(): Promise<Engines> {
  // One after the other: both load vega's shared modules, and Jest's ES module loader
  // fails when two imports link the same module at once.
  engines ??= (async () => ({ compile: (await import('vega-lite')).compile, vega: await import('vega') }))();
  engines.catch(() => {
    engines = undefined; // try again next time rather than fail for the life of the process
  });
  return engines;
}

async function toSvg(spec: TopLevelSpec): Promise<string> {
  const { compile, vega } = await loadEngines();
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none', logLevel: vega.Error });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * The chart as an SVG element for a page: one image (role="img") named by `label`, which
 * should say what the chart shows and where its numbers are; vega's own roles are removed
 * so assistive technology meets one picture, not hundreds of marks.
 */
export async function drawSvg(spec: TopLevelSpec, label: string): Promise<string> {
  const svg = await toSvg(spec);
  return svg
    .replace(/ (role|aria-roledescription|aria-hidden)="[^"]*"/g, '')
    .replace(/^<svg /, `<svg role="img" aria-label="${esc(label)}" focusable="false" `);
}

/** The chart as a PNG `width` pixels wide. */
export async function drawPng(spec: TopLevelSpec, width: number): Promise<Buffer> {
  const svg = await toSvg(spec);
  const { Resvg } = await import('@resvg/resvg-js');
  const picture = new Resvg(svg, { fitTo: { mode: 'width', value: width }, font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } });
  return picture.render().asPng();
}

/** A series of counts per week, stacked by category. */
export interface StackedWeeks {
  /** The weeks' labels, oldest first (each once). */
  readonly weeks: readonly string[];
  /** The categories, in legend and stacking order. */
  readonly series: readonly string[];
  readonly values: readonly { readonly week: string; readonly series: string; readonly count: number }[];
  readonly countTitle: string;
}

export function stackedWeeksSpec(data: StackedWeeks): TopLevelSpec {
  const totals = new Map<string, number>();
  for (const v of data.values) totals.set(v.week, (totals.get(v.week) ?? 0) + v.count);
  return {
    width: 640,
    height: 220,
    data: { values: data.values.filter((v) => v.count > 0).map((v) => ({ ...v, rank: data.series.indexOf(v.series) })) },
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'week', type: 'ordinal', title: 'Week starting', scale: { domain: [...data.weeks] }, axis: { labelAngle: -45, labelOverlap: true } },
      y: countAxis(data.countTitle, Math.max(0, ...totals.values())),
      color: {
        field: 'series',
        type: 'nominal',
        title: null,
        scale: { domain: [...data.series], range: PALETTE },
        legend: { orient: 'bottom', direction: 'vertical', labelLimit: 640, symbolType: 'square' },
      },
      order: { field: 'rank', type: 'quantitative' },
    },
    config: CHART_CONFIG,
  };
}

/** Counts per label as horizontal bars (e.g. overdue tasks by task). */
export function barsSpec(rows: readonly { readonly label: string; readonly count: number }[], countTitle: string): TopLevelSpec {
  return {
    width: 420,
    height: { step: 28 },
    data: { values: rows.map((r) => ({ ...r })) },
    mark: { type: 'bar', color: PALETTE[4] },
    encoding: {
      y: { field: 'label', type: 'nominal', title: null, sort: null, axis: { labelLimit: 360 } },
      x: countAxis(countTitle, Math.max(0, ...rows.map((r) => r.count))),
    },
    config: CHART_CONFIG,
  };
}

/** A count axis from 0, in whole numbers, at least up to 1. */
export function countAxis(title: string, max: number) {
  return {
    field: 'count',
    type: 'quantitative' as const,
    title,
    scale: { domain: [0, Math.max(1, max)], nice: true },
    axis: { tickMinStep: 1, format: 'd' },
  };
}
