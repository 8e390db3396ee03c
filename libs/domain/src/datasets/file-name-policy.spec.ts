import { describe, expect, it } from 'vitest';
import { checkFileName, normaliseFileNames } from './file-name-policy';

describe('dataset file names', () => {
  it.each([
    ['../etc/passwd', 'traversal'], ['a/../../b', 'traversal'], ['./a', 'traversal'], ['/abs/path', 'absolute'], ['C:/x', 'absolute'],
    ['a\\b', 'backslash'], ['bad\u0007name', 'control_character'], ['tab\there', 'control_character'], ['a//b', 'empty_segment'],
    ['', 'empty'], ['é'.repeat(128), 'too_long'],
  ])('refuses %j (%s)', (name, problem) => {
    expect(checkFileName(name)).toEqual({ ok: false, problem });
  });

  it('accepts nested relative paths and normalises to NFC', () => {
    const decomposed = 'cafe\u0301/data.csv';
    expect(checkFileName(decomposed)).toEqual({ ok: true, name: 'caf\u00e9/data.csv' });
    expect(checkFileName('a'.repeat(255))).toEqual({ ok: true, name: 'a'.repeat(255) });
  });

  it('refuses duplicates that only differ by normalisation, naming the file', () => {
    expect(() => normaliseFileNames(['caf\u00e9.csv', 'cafe\u0301.csv'])).toThrow(/files\[1\]\.path: ".+" appears more than once/);
  });
});
