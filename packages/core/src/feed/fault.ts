/**
 * Where and why a feed's text is not JSON, worded the same in every browser and
 * in Node. Only ever needed after `JSON.parse` has thrown, so the browser loads
 * this module on demand (see read.ts); `readFeedJson` uses it directly.
 */
import type { Problem } from './normalised.js';

interface SyntaxFault {
  offset: number;
  expected: string;
  /** The file stopped before the document was complete. */
  truncated: boolean;
  /** Extra advice for a common mistake (single quotes, trailing comma). */
  hint?: string;
  /** Objects and lists still open where it stopped. */
  open: number;
}

/** The one problem for text that is not JSON: what was expected where (line and column). `body` has no byte order mark. */
export function describeFault(body: string, source?: string): Problem {
  const base = { severity: 'error' as const, path: '$', expected: 'a JSON document', ...(source ? { source } : {}) };
  if (!body.trim()) {
    return { ...base, code: 'empty-file', found: 'an empty file', message: 'The feed is empty: the file has no content.' };
  }
  const fault = findSyntaxFault(body) ?? { offset: 0, expected: 'a JSON document', truncated: false, open: 0 };
  const { line, column } = lineAndColumn(body, fault.offset);
  const at = `line ${line}, column ${column}`;
  if (fault.truncated) {
    const open = fault.open === 1 ? '1 object or list was still open' : `${fault.open} objects or lists were still open`;
    return {
      ...base,
      code: 'truncated',
      found: `the end of the file at ${at}`,
      message: `The feed is cut off: it ends at ${at}, where ${fault.expected} was expected and ${open}.`,
    };
  }
  const ch = body[fault.offset] ?? '';
  const firstChar = body.trimStart()[0];
  if (firstChar === '<') {
    return {
      ...base,
      code: 'not-json',
      found: `"<" at ${at}`,
      message: `The feed is not JSON: it starts with "<", which looks like an HTML page (${at}).`,
    };
  }
  const found = `${showChar(ch)} at ${at}`;
  return {
    ...base,
    code: 'not-json',
    found,
    message: `The feed is not valid JSON: at ${at}, expected ${fault.expected} but found ${showChar(ch)}${fault.hint ? ` (${fault.hint})` : ''}.`,
  };
}

function showChar(ch: string): string {
  if (ch === '\n') return 'a line break';
  if (ch === '\t') return 'a tab';
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x20) return `control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return JSON.stringify(ch);
}

function lineAndColumn(body: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < body.length; i++) {
    if (body.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const A_VALUE = 'a value (text in double quotes, a number, an object, a list, true, false or null)';

/**
 * Walks the text as a JSON grammar without building anything and returns the
 * first place it breaks. Iterative, so a deeply nested file cannot overflow the stack.
 * Runs only after `JSON.parse` has failed.
 */
function findSyntaxFault(text: string): SyntaxFault | undefined {
  const stack: string[] = [];
  let pos = 0;
  type State = 'value' | 'valueOrEnd' | 'keyOrEnd' | 'key' | 'colon' | 'after';
  let state: State = 'value';
  // In an object just opened, "}" may come where a key would; after a comma it may not.
  let keyMayEnd = false;
  const fault = (expected: string, hint?: string): SyntaxFault => ({
    offset: pos,
    expected,
    truncated: pos >= text.length,
    open: stack.length,
    ...(hint ? { hint } : {}),
  });
  const skipSpace = (): void => {
    while (pos < text.length) {
      const c = text.charCodeAt(pos);
      if (c === 32 || c === 9 || c === 10 || c === 13) pos++;
      else break;
    }
  };
  /** Scans a string starting at the quote; returns a fault or undefined. */
  const scanString = (): SyntaxFault | undefined => {
    pos++;
    while (pos < text.length) {
      const c = text.charCodeAt(pos);
      if (c === 34) {
        pos++;
        return undefined;
      }
      if (c === 92) {
        const next = text[pos + 1];
        if (next === undefined) {
          pos++;
          return fault('the rest of the text and its closing double quote');
        }
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(pos + 2, pos + 6))) {
            pos += 2;
            return fault('four hexadecimal digits after \\u');
          }
          pos += 6;
        } else if ('"\\/bfnrt'.includes(next)) {
          pos += 2;
        } else {
          pos++;
          return fault('one of " \\ / b f n r t u after a backslash', 'a backslash in text is written \\\\');
        }
        continue;
      }
      if (c < 0x20) {
        return fault('the closing double quote of the text', 'a line break or tab inside text is written \\n or \\t');
      }
      pos++;
    }
    return fault('the rest of the text and its closing double quote');
  };

  for (;;) {
    skipSpace();
    const ch = text[pos];
    switch (state) {
      case 'valueOrEnd':
        if (ch === ']') {
          stack.pop();
          pos++;
          state = 'after';
        } else {
          state = 'value';
        }
        continue;
      case 'value': {
        if (ch === undefined) return fault(A_VALUE);
        if (ch === '{') {
          stack.push('{');
          pos++;
          state = 'keyOrEnd';
        } else if (ch === '[') {
          stack.push('[');
          pos++;
          state = 'valueOrEnd';
        } else if (ch === '"') {
          const f = scanString();
          if (f) return f;
          state = 'after';
        } else if (ch === '-' || (ch >= '0' && ch <= '9')) {
          NUMBER.lastIndex = pos;
          const m = NUMBER.exec(text);
          if (!m) return fault('a number');
          pos += m[0].length;
          state = 'after';
        } else if (text.startsWith('true', pos) || text.startsWith('null', pos)) {
          pos += 4;
          state = 'after';
        } else if (text.startsWith('false', pos)) {
          pos += 5;
          state = 'after';
        } else if (ch === "'") {
          return fault(A_VALUE, 'JSON text goes in double quotes, not single quotes');
        } else if ((ch === ']' || ch === '}') && text.slice(0, pos).trimEnd().endsWith(',')) {
          return fault(A_VALUE, 'JSON does not allow a comma after the last item');
        } else {
          return fault(A_VALUE);
        }
        continue;
      }
      case 'keyOrEnd':
        if (ch === '}') {
          stack.pop();
          pos++;
          state = 'after';
        } else {
          state = 'key';
          keyMayEnd = true;
        }
        continue;
      case 'key':
        if (ch === '"') {
          const f = scanString();
          if (f) return f;
          state = 'colon';
          keyMayEnd = false;
          continue;
        }
        if (ch === '}' && !keyMayEnd) return fault('a property name in double quotes', 'JSON does not allow a comma after the last item');
        if (ch === "'") return fault('a property name in double quotes', 'JSON text goes in double quotes, not single quotes');
        return fault(keyMayEnd ? 'a property name in double quotes or "}"' : 'a property name in double quotes');
      case 'colon':
        if (ch !== ':') return fault('":" after the property name');
        pos++;
        state = 'value';
        continue;
      case 'after': {
        const top = stack[stack.length - 1];
        if (top === undefined) {
          if (ch === undefined) return undefined;
          return fault('the end of the file', 'there is something after the end of the JSON document');
        }
        if (top === '{') {
          if (ch === ',') {
            pos++;
            state = 'key';
            keyMayEnd = false;
          } else if (ch === '}') {
            stack.pop();
            pos++;
          } else {
            return fault('"," or "}"');
          }
        } else if (ch === ',') {
          pos++;
          state = 'value';
        } else if (ch === ']') {
          stack.pop();
          pos++;
        } else {
          return fault('"," or "]"');
        }
        continue;
      }
    }
  }
}
