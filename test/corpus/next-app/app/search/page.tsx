import { renderMarkdown } from '../../lib/markdown.ts';

export default async function SearchPage({ searchParams }: { searchParams: { q?: string; html?: string } }) {
  const q = searchParams.q ?? '';
  return (
    <main>
      <h1>Results for {q}</h1>
      <div dangerouslySetInnerHTML={{ __html: searchParams.html ?? '' }} /> {/* vuln: js/dom-xss */}
      <div dangerouslySetInnerHTML={{ __html: renderMarkdown(q) }} /> {/* safe: js/dom-xss */}
    </main>
  );
}
