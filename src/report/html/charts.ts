/**
 * Small bar charts as inline SVG, drawn from the counts: the report opens offline, so no chart
 * library is fetched. Each bar carries its number as text, so colour is never the only carrier.
 */
import { escapeHtml } from './escape.ts';

export interface Bar {
  label: string;
  value: number;
  /** A CSS class for the bar's fill (severity colours); the text says the same. */
  tone?: string;
}

const ROW = 22;
const LABEL_WIDTH = 200;
const BAR_WIDTH = 190;
const NUMBER_WIDTH = 56;

/** A horizontal bar chart with a title; an empty chart says so instead of drawing nothing. */
export function barChart(title: string, bars: readonly Bar[]): string {
  const id = `chart-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  if (bars.length === 0) {
    return `<figure class="chart"><figcaption id="${id}">${escapeHtml(title)}</figcaption><p class="empty">none</p></figure>`;
  }
  const max = Math.max(1, ...bars.map((b) => b.value));
  const height = bars.length * ROW;
  const width = LABEL_WIDTH + BAR_WIDTH + NUMBER_WIDTH;
  const rows = bars
    .map((bar, i) => {
      const y = i * ROW;
      const w = bar.value === 0 ? 0 : Math.max(2, Math.round((bar.value / max) * BAR_WIDTH));
      const label = bar.label.length > 28 ? `${bar.label.slice(0, 27)}…` : bar.label;
      return (
        `<g><title>${escapeHtml(`${bar.label}: ${bar.value}`)}</title>` +
        `<text x="${LABEL_WIDTH - 6}" y="${y + 15}" text-anchor="end">${escapeHtml(label)}</text>` +
        `<rect x="${LABEL_WIDTH}" y="${y + 4}" width="${w}" height="${ROW - 8}" class="bar ${bar.tone ?? ''}"/>` +
        `<text x="${LABEL_WIDTH + w + 6}" y="${y + 15}">${bar.value}</text></g>`
      );
    })
    .join('');
  return (
    `<figure class="chart"><figcaption id="${id}">${escapeHtml(title)}</figcaption>` +
    `<svg role="img" aria-labelledby="${id}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">${rows}</svg></figure>`
  );
}
