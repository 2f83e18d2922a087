import DOMPurify from 'isomorphic-dompurify';
import { marked } from 'marked';

export function renderMarkdown(source: string): string {
  return DOMPurify.sanitize(marked.parse(source) as string);
}
