// A small parser for ARM template language expressions ("[format('{0}', parameters('x'))]").
// It covers the grammar the Bicep compiler emits: string and number literals, function calls (also
// namespaced user functions such as __bicep.name(...)), and property / index access.

export type ArmExpression =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'call'; name: string; args: ArmExpression[] }
  | { kind: 'property'; target: ArmExpression; name: string }
  | { kind: 'index'; target: ArmExpression; index: ArmExpression };

type Token =
  | { t: 'str'; v: string }
  | { t: 'num'; v: number }
  | { t: 'id'; v: string }
  | { t: 'punct'; v: '(' | ')' | ',' | '.' | '[' | ']' };

export class ArmExpressionSyntaxError extends Error {
  constructor(message: string, readonly source: string) {
    super(`${message} in ARM expression ${source}`);
    this.name = 'ArmExpressionSyntaxError';
  }
}

/** True when a template string value is an expression ("[...]" but not the "[[" escape). */
export function isExpression(value: string): boolean {
  return value.length >= 2 && value.startsWith('[') && value.endsWith(']') && !value.startsWith('[[');
}

/** The literal a "[[..." escaped string stands for. */
export function unescapeLiteral(value: string): string {
  return value.startsWith('[[') ? value.slice(1) : value;
}

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if ('(),.[]'.includes(c)) {
      tokens.push({ t: 'punct', v: c as '(' });
      i++;
    } else if (c === "'") {
      let value = '';
      i++;
      for (;;) {
        if (i >= src.length) throw new ArmExpressionSyntaxError('Unterminated string', src);
        if (src[i] === "'") {
          if (src[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += src[i];
        i++;
      }
      tokens.push({ t: 'str', v: value });
    } else if (/[0-9-]/.test(c)) {
      const m = /^-?[0-9]+(\.[0-9]+)?/.exec(src.slice(i));
      if (!m) throw new ArmExpressionSyntaxError(`Unexpected '${c}'`, src);
      tokens.push({ t: 'num', v: Number(m[0]) });
      i += m[0].length;
    } else if (/[A-Za-z_$]/.test(c)) {
      const m = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(src.slice(i))!;
      tokens.push({ t: 'id', v: m[0] });
      i += m[0].length;
    } else {
      throw new ArmExpressionSyntaxError(`Unexpected '${c}'`, src);
    }
  }
  return tokens;
}

/** Parses the inside of "[...]" (without the brackets). */
export function parseArmExpression(src: string): ArmExpression {
  const tokens = tokenize(src);
  let pos = 0;
  const peek = (offset = 0): Token | undefined => tokens[pos + offset];
  const expectPunct = (v: string): void => {
    const tok = tokens[pos];
    if (!tok || tok.t !== 'punct' || tok.v !== v) throw new ArmExpressionSyntaxError(`Expected '${v}'`, src);
    pos++;
  };
  const isPunct = (tok: Token | undefined, v: string): boolean => tok?.t === 'punct' && tok.v === v;

  function parseArgs(): ArmExpression[] {
    expectPunct('(');
    const args: ArmExpression[] = [];
    if (isPunct(peek(), ')')) {
      pos++;
      return args;
    }
    for (;;) {
      args.push(parseExpr());
      if (isPunct(peek(), ',')) {
        pos++;
        continue;
      }
      expectPunct(')');
      return args;
    }
  }

  function parsePrimary(): ArmExpression {
    const tok = tokens[pos];
    if (!tok) throw new ArmExpressionSyntaxError('Unexpected end', src);
    if (tok.t === 'str') {
      pos++;
      return { kind: 'string', value: tok.v };
    }
    if (tok.t === 'num') {
      pos++;
      return { kind: 'number', value: tok.v };
    }
    if (tok.t === 'id') {
      pos++;
      let name = tok.v;
      const next = peek();
      const after = peek(1);
      if (isPunct(next, '.') && after?.t === 'id' && isPunct(peek(2), '(')) {
        name = `${name}.${after.v}`;
        pos += 2;
      }
      return { kind: 'call', name, args: parseArgs() };
    }
    throw new ArmExpressionSyntaxError(`Unexpected '${tok.v}'`, src);
  }

  function parseExpr(): ArmExpression {
    let expr = parsePrimary();
    for (;;) {
      const tok = peek();
      if (isPunct(tok, '.')) {
        pos++;
        const id = tokens[pos];
        if (!id || id.t !== 'id') throw new ArmExpressionSyntaxError('Expected a property name', src);
        pos++;
        expr = { kind: 'property', target: expr, name: id.v };
      } else if (isPunct(tok, '[')) {
        pos++;
        const index = parseExpr();
        expectPunct(']');
        expr = { kind: 'index', target: expr, index };
      } else {
        return expr;
      }
    }
  }

  const expr = parseExpr();
  if (pos !== tokens.length) throw new ArmExpressionSyntaxError('Trailing input', src);
  return expr;
}
