import type { Expression } from 'regexp-tree/ast';
import { type CharSet, charSet, memoisedRegexAnalysis, parseRegex } from '../regex-safety.ts';
import { pinsStart } from './propagation.ts';
import { type Flag, flagBits } from './spec.ts';
import { alphabetFlags } from './strip-class.ts';

/**
 * What a regex guarantees of the parts of its match (`s.match(re)`, `re.exec(s)`): flag bits by
 * index (`'0'` the whole match, `'1'` the first group), and those of the named groups under
 * `groups` (`m.groups.id`).
 */
export interface MatchParts {
  readonly parts: ReadonlyMap<string, number>;
  readonly groups?: MatchParts;
}

/** The parts of one regex's match (the same object for the same regex while it is remembered). */
export const matchParts = memoisedRegexAnalysis(analyse);

function analyse(pattern: string, flags: string): MatchParts | undefined {
  const body = parseRegex(pattern, flags)?.body;
  if (!body) return undefined;
  const ignoreCase = flags.includes('i');
  const parts = new Map([['0', partBits(body, ignoreCase)]]);
  const named = new Map<string, number>();
  const visit = (node: Expression | null): void => {
    if (!node) return;
    switch (node.type) {
      case 'Group':
        if (node.capturing) {
          const bits = partBits(node.expression, ignoreCase);
          parts.set(String(node.number), bits);
          if (node.name !== undefined) named.set(node.name, bits);
        }
        visit(node.expression);
        break;
      case 'Alternative':
        node.expressions.forEach(visit);
        break;
      case 'Disjunction':
        visit(node.left);
        visit(node.right);
        break;
      case 'Repetition':
        visit(node.expression);
        break;
      case 'Assertion':
        if (node.kind === 'Lookahead' || node.kind === 'Lookbehind') visit(node.assertion);
        break;
      default:
        break;
    }
  };
  visit(body);
  return { parts, ...(named.size ? { groups: { parts: named } } : {}) };
}

/**
 * What the text a node matches is sure to be: a string; made of a harmless alphabet (alphabetFlags);
 * a local path or the like when it starts with fixed text that pins where a URL goes (pinsStart),
 * `delimited` too when that text starts with `/`, `?` or `#`.
 */
function partBits(node: Expression | null, ignoreCase: boolean): number {
  const flags: Flag[] = ['string'];
  const chars = node ? alphabet(node, ignoreCase) : 0n;
  const letters = chars === undefined ? undefined : lettersOf(chars);
  // A part is often joined with more path after it (`m[1] + '/index.md'`), where `..` climbs: a
  // dot is as bad as a slash for paths here.
  if (letters) flags.push(...alphabetFlags(letters).filter((f) => f !== 'path' || !letters.includes('.')));
  const lead = node ? leadingText(node).text : '';
  if (pinsStart(lead))
    flags.push(...(/^[/?#]/.test(lead) ? (['prefixed', 'delimited'] as const) : ['prefixed' as const]));
  return flagBits(flags);
}

const OTHER = 1n << 128n;

/** The ASCII characters of a set, or undefined when it holds any other. */
function lettersOf(set: CharSet): string[] | undefined {
  if (set & OTHER) return undefined;
  const out: string[] = [];
  for (let c = 0; c < 128; c++) if ((set >> BigInt(c)) & 1n) out.push(String.fromCharCode(c));
  return out;
}

/**
 * Every character a match of `node` may hold; undefined (anything) for what is not judged: a
 * lookaround, a backreference, a Unicode property.
 */
function alphabet(node: Expression, ignoreCase: boolean): CharSet | undefined {
  switch (node.type) {
    case 'Char':
    case 'CharacterClass':
      return charSet(node, ignoreCase);
    case 'Alternative': {
      let set = 0n;
      for (const e of node.expressions) {
        const own = alphabet(e, ignoreCase);
        if (own === undefined) return undefined;
        set |= own;
      }
      return set;
    }
    case 'Disjunction': {
      const left = node.left ? alphabet(node.left, ignoreCase) : 0n;
      const right = node.right ? alphabet(node.right, ignoreCase) : 0n;
      return left === undefined || right === undefined ? undefined : left | right;
    }
    case 'Group':
      return node.expression ? alphabet(node.expression, ignoreCase) : 0n;
    case 'Repetition':
      return alphabet(node.expression, ignoreCase);
    case 'Assertion':
      return node.kind === 'Lookahead' || node.kind === 'Lookbehind' ? undefined : 0n;
    default:
      return undefined;
  }
}

/**
 * The fixed text every match of `node` starts with, and whether that is all of it. Zero-width
 * assertions add nothing; a repetition adds its first round's text at most.
 */
function leadingText(node: Expression): { text: string; whole: boolean } {
  switch (node.type) {
    case 'Char':
      return node.kind === 'meta'
        ? { text: '', whole: false }
        : { text: String.fromCodePoint(node.codePoint), whole: true };
    case 'Assertion':
      return { text: '', whole: true };
    case 'Group':
      return node.expression ? leadingText(node.expression) : { text: '', whole: true };
    case 'Alternative': {
      let text = '';
      for (const e of node.expressions) {
        const own = leadingText(e);
        text += own.text;
        if (!own.whole) return { text, whole: false };
      }
      return { text, whole: true };
    }
    case 'Repetition': {
      const q = node.quantifier;
      const once = q.kind === '+' || (q.kind === 'Range' && q.from >= 1);
      return { text: once ? leadingText(node.expression).text : '', whole: false };
    }
    default:
      return { text: '', whole: false };
  }
}
