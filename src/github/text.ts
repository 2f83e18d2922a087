/** Text limits GitHub enforces on check-run output and comment bodies. */
export const GITHUB_TEXT_LIMIT = 65535;

/**
 * Keep a Markdown document within `max` characters, cutting at a line boundary and saying how many
 * lines were left out. Callers pass documents that are already size-bounded by the markdown
 * reporter; this is the last guard so a request is never refused for its size.
 */
export function boundText(text: string, max = GITHUB_TEXT_LIMIT): string {
  if (text.length <= max) return text;
  const lines = text.split('\n');
  const kept: string[] = [];
  let used = 0;
  const reserve = 80;
  for (const line of lines) {
    if (used + line.length + 1 > max - reserve) break;
    kept.push(line);
    used += line.length + 1;
  }
  const omitted = lines.length - kept.length;
  return `${kept.join('\n')}\n\n… ${omitted} more line${omitted === 1 ? '' : 's'} not shown (GitHub's ${max}-character limit).`;
}

/** Text from a finding is shown inside Markdown: neutralise HTML comments (our markers) and mentions. */
export function inertMarkdown(text: string): string {
  return text.replace(/<!--/g, '&lt;!--').replace(/@(?=[A-Za-z0-9-])/g, '@\u200b');
}

/** At most `max` characters, with an ellipsis when cut. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
