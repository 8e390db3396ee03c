/**
 * Every regular expression in the library, found by parsing the sources with the TypeScript compiler (so a new
 * pattern cannot be missed), is checked with recheck for catastrophic backtracking.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { checkSync } from 'recheck';
import { describe, expect, it } from 'vitest';

const src = resolve(fileURLToPath(new URL('.', import.meta.url)), '../src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') && !p.endsWith('.spec.ts') ? [p] : [];
  });
}

interface Found {
  where: string;
  source: string;
  flags: string;
}

function collect(): Found[] {
  const out: Found[] = [];
  for (const f of files(src)) {
    const sf = ts.createSourceFile(f, readFileSync(f, 'utf8'), ts.ScriptTarget.ES2022, true);
    const visit = (n: ts.Node) => {
      if (n.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = n.getText(sf);
        const slash = text.lastIndexOf('/');
        out.push({ where: `${relative(src, f)}:${sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1}`, source: text.slice(1, slash), flags: text.slice(slash + 1) });
      }
      if (ts.isNewExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'RegExp') {
        throw new Error(`${relative(src, f)}: new RegExp(...) cannot be checked statically; use a literal`);
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return out;
}

describe('ReDoS', () => {
  const found = collect();
  it('finds the patterns', () => {
    expect(found.length).toBeGreaterThan(80);
  });
  it('has no pattern with super-linear backtracking (recheck)', () => {
    const bad: string[] = [];
    for (const r of found) {
      const d = checkSync(r.source, r.flags.replace(/[gy]/g, ''), { timeout: 10_000 });
      if (d.status !== 'safe') bad.push(`${r.where} /${r.source}/${r.flags}: ${d.status}${d.status === 'vulnerable' ? ` (${d.complexity.type}; attack ${JSON.stringify(d.attack.pattern)})` : ''}`);
    }
    expect(bad).toEqual([]);
  }, 120_000);
});
