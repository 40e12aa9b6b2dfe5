/**
 * Finds where a JSON text stops being valid, as line and column. Browsers and Node word JSON.parse
 * errors differently (some give no position at all), so the position comes from this small scanner,
 * which follows RFC 8259's grammar and is only run after JSON.parse has already failed.
 */
export interface JsonSyntaxError {
  message: string;
  offset: number;
  line: number;
  column: number;
}

class Stop extends Error {
  constructor(
    readonly at: number,
    readonly what: string,
  ) {
    super(what);
  }
}

/** Returns the first syntax error of `text`, or undefined when it is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let i = 0;
  const n = text.length;
  const ws = () => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else break;
    }
  };
  const describe = (at: number) => (at >= n ? 'the end of the text' : `'${text[at]}'`);
  const expect = (what: string): never => {
    throw new Stop(i, `expected ${what} but found ${describe(i)}`);
  };
  const str = () => {
    i++; // opening quote
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return;
      }
      if (c < 0x20) throw new Stop(i, 'a control character (such as a raw line break) inside a string');
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) throw new Stop(i, 'a bad \\u escape in a string');
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else throw new Stop(i, 'a bad escape in a string');
      } else i++;
    }
    throw new Stop(i, 'a string that is never closed');
  };
  const num = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0] === '-' || m[0] === '') expect('a value');
    i += m![0].length;
  };
  // Iterative over containers, so deeply nested input cannot overflow the stack.
  const stack: ('{' | '[')[] = [];
  const key = () => {
    ws();
    if (text[i] !== '"') expect('a property name in double quotes');
    str();
    ws();
    if (text[i] !== ':') expect("':'");
    i++;
  };
  /** Reads a scalar, or opens a container; returns true when a value must follow. */
  const valueStart = (): boolean => {
    ws();
    const c = text[i];
    if (c === '{' || c === '[') {
      i++;
      ws();
      if (text[i] === (c === '{' ? '}' : ']')) {
        i++;
        return false;
      }
      stack.push(c);
      if (c === '{') key();
      return true;
    }
    if (c === '"') str();
    else if (c === 't' && text.startsWith('true', i)) i += 4;
    else if (c === 'f' && text.startsWith('false', i)) i += 5;
    else if (c === 'n' && text.startsWith('null', i)) i += 4;
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) num();
    else expect('a value');
    return false;
  };
  try {
    let needValue = true;
    for (;;) {
      if (needValue) {
        needValue = valueStart();
        continue;
      }
      ws();
      const top = stack[stack.length - 1];
      if (!top) break;
      const close = top === '{' ? '}' : ']';
      if (text[i] === ',') {
        i++;
        if (top === '{') key();
        needValue = true;
      } else if (text[i] === close) {
        stack.pop();
        i++;
      } else expect(`',' or '${close}'`);
    }
    ws();
    if (i < n) throw new Stop(i, `unexpected ${describe(i)} after the end of the JSON value`);
    return undefined;
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
    return { message: e.what, offset: e.at, ...lineAndColumn(text, e.at) };
  }
}

/** 1-based line and column of a character offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let k = 0; k < offset && k < text.length; k++) {
    if (text.charCodeAt(k) === 0x0a) {
      line++;
      lineStart = k + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
