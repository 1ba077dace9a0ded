/**
 * Every user-facing string comes from the catalogue (`messages.ts`), so that both languages always have it:
 * this scans the screens' JSX with the TypeScript compiler for text and user-visible attributes written in
 * place.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ja } from './ja';

const UI_DIR = join(import.meta.dirname, '..');

/** Attributes a person sees or hears (screen readers). */
const VISIBLE_ATTRIBUTES = new Set([
  'aria-label',
  'aria-description',
  'aria-placeholder',
  'aria-roledescription',
  'aria-valuetext',
  'title',
  'placeholder',
  'alt',
  'label',
]);

/** Object properties that by their name hold text for the screen, e.g. `{ id: 'ja', label: '…' }`. */
const VISIBLE_PROPERTIES = new Set(['label', 'title', 'text', 'message', 'placeholder', 'alt', 'ariaLabel']);

/** Allowed in place, each with its reason: `file:text` → why. */
const EXCEPTIONS: ReadonlyMap<string, string> = new Map([
  // A language's own name is the same whatever the screen's language, so that anyone can find theirs.
  ['staff/SettingsFields.tsx:日本語', 'language choice, in its own language'],
  ['staff/SettingsFields.tsx:English', 'language choice, in its own language'],
]);

/** Letters of any script (kana and kanji included); digits, symbols and spaces alone are not words. */
const hasWords = (text: string) => /\p{L}/u.test(text);

export interface HardCodedString {
  readonly file: string;
  readonly line: number;
  readonly text: string;
}

/** The string literals an expression can render as they are: `'x'`, `a ? 'x' : 'y'`, `a && 'x'`. */
function renderedLiterals(node: ts.Expression): ts.Node[] {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) {
    return [node];
  }
  if (ts.isParenthesizedExpression(node)) return renderedLiterals(node.expression);
  if (ts.isConditionalExpression(node))
    return [...renderedLiterals(node.whenTrue), ...renderedLiterals(node.whenFalse)];
  if (ts.isBinaryExpression(node)) {
    const op = node.operatorToken.kind;
    if (
      op === ts.SyntaxKind.AmpersandAmpersandToken ||
      op === ts.SyntaxKind.BarBarToken ||
      op === ts.SyntaxKind.QuestionQuestionToken
    ) {
      return renderedLiterals(node.right);
    }
  }
  return [];
}

/** Words written in place in a TSX source: JSX text, literals rendered as children, visible attributes. */
export function hardCodedStrings(file: string, source: string): HardCodedString[] {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: HardCodedString[] = [];
  const report = (node: ts.Node, text: string) => {
    const trimmed = text.replace(/\s+/g, ' ').trim();
    if (!hasWords(trimmed)) return;
    const line = sourceFile.getLineAndCharacterOfPosition(node.getStart()).line + 1;
    found.push({ file, line, text: trimmed });
  };
  const literalText = (node: ts.Node) =>
    ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)
      ? node.text
      : node
          .getText()
          .slice(1, -1)
          .replace(/\$\{[^}]*\}/g, ' ');
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) report(node, node.text);
    if (ts.isJsxExpression(node) && node.expression && !ts.isJsxAttribute(node.parent)) {
      for (const literal of renderedLiterals(node.expression)) report(literal, literalText(literal));
    }
    if (
      ts.isPropertyAssignment(node) &&
      VISIBLE_PROPERTIES.has(node.name.getText()) &&
      (ts.isStringLiteral(node.initializer) || ts.isNoSubstitutionTemplateLiteral(node.initializer)) &&
      // A catalogue key is what the component translates: `{ label: 'settings.retention' }`.
      !Object.hasOwn(ja, node.initializer.text)
    ) {
      report(node.initializer, node.initializer.text);
    }
    if (ts.isJsxAttribute(node) && VISIBLE_ATTRIBUTES.has(node.name.getText())) {
      const value = node.initializer;
      if (value && ts.isStringLiteral(value)) report(value, value.text);
      if (value && ts.isJsxExpression(value) && value.expression) {
        for (const literal of renderedLiterals(value.expression)) report(literal, literalText(literal));
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

function tsxFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.tsx'))
    .map((name) => join(dir, name));
}

describe('hard-coded strings in the screens', () => {
  it('finds words in JSX text, rendered literals and visible attributes, and ignores symbols and keys', () => {
    const source = `
      export const A = ({ ok, t }) => (
        <div title="Close" aria-label={ok ? '閉じる' : t('x.y')} data-testid="not.visible">
          Hello {'世界'} {ok && 'yes'} {t('app.title')} {ok ? '○' : '×'} 123 — {\`n \${1}\`}
          <img alt="" />
        </div>
      );`;
    expect(hardCodedStrings('a.tsx', source).map((s) => s.text)).toEqual([
      'Close',
      '閉じる',
      'Hello',
      '世界',
      'yes',
      'n',
    ]);
  });

  it('are none: every word on screen comes from the catalogue', () => {
    const all = tsxFiles(UI_DIR).flatMap((file) =>
      hardCodedStrings(relative(UI_DIR, file), readFileSync(file, 'utf8')),
    );
    const found = all
      .filter(({ file, text }) => !EXCEPTIONS.has(`${file}:${text}`))
      .map(({ file, line, text }) => `${file}:${line} ${text}`);
    expect(found).toEqual([]);
    // An exception that no longer matches anything is stale.
    const used = new Set(all.map(({ file, text }) => `${file}:${text}`));
    expect([...EXCEPTIONS.keys()].filter((key) => !used.has(key))).toEqual([]);
  });
});
