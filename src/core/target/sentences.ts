/** A piece of text with its offset in the text it was cut from. */
export interface Span {
  text: string;
  start: number;
}

const OPENERS: Record<string, string> = { '（': '）', '(': ')', '“': '”', '《': '》', '〔': '〕', '「': '」', '‘': '’', '[': ']' };
const CLOSERS = new Set(Object.values(OPENERS));

const SENTENCE_ENDS = new Set(['。', '；', ';', '！', '!', '？', '?', '\n', '\r']);
const CLAUSE_ENDS = new Set(['，', ',']);

/** Sentences end at 。；！？ and line breaks, never inside brackets or quotes. */
export function splitSentences(text: string): Span[] {
  return splitOutsideBrackets({ text, start: 0 }, SENTENCE_ENDS);
}

/** Clauses end at ，, outside brackets and quotes. */
export function splitClauses(sentence: Span): Span[] {
  return splitOutsideBrackets(sentence, CLAUSE_ENDS);
}

function splitOutsideBrackets(span: Span, ends: Set<string>): Span[] {
  const out: Span[] = [];
  const stack: string[] = [];
  let from = 0;
  const push = (to: number) => {
    const piece = trimmed({ text: span.text.slice(from, to), start: span.start + from });
    if (piece.text !== '') out.push(piece);
  };
  for (let i = 0; i < span.text.length; i++) {
    const ch = span.text[i] as string;
    const expected = stack[stack.length - 1];
    if (ch === expected) stack.pop();
    else if (ch in OPENERS) stack.push(OPENERS[ch] as string);
    else if (CLOSERS.has(ch)) continue; // a stray closer does not open anything
    else if (stack.length === 0 && ends.has(ch)) {
      push(i);
      from = i + 1;
    }
    // A line break always ends a sentence, even inside an unclosed bracket.
    if ((ch === '\n' || ch === '\r') && stack.length > 0 && ends.has(ch)) {
      stack.length = 0;
      push(i);
      from = i + 1;
    }
  }
  push(span.text.length);
  return out;
}

function trimmed(span: Span): Span {
  const lead = span.text.length - span.text.trimStart().length;
  return { text: span.text.trim(), start: span.start + lead };
}

/** Depth-aware split of a list on the given separators (、 和 及 …), used for subjects and objects. */
export function splitTopLevel(text: string, separators: RegExp): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch in OPENERS) depth++;
    else if (CLOSERS.has(ch)) depth = Math.max(0, depth - 1);
    else if (depth === 0) {
      const m = separators.exec(text.slice(i));
      if (m && m.index === 0 && m[0].length > 0) {
        out.push(text.slice(from, i));
        i += m[0].length - 1;
        from = i + 1;
      }
    }
  }
  out.push(text.slice(from));
  return out.map((s) => s.trim()).filter((s) => s !== '');
}
