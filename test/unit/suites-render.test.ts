// renderPrompt: message order (system, few-shot pairs, user), placeholder filling, and errors that name
// the missing field; the schema rejects malformed suites and rows.
import { describe, expect, it } from 'vitest';
import { fillTemplate, PromptRenderError, renderPrompt, suiteItemSchema, suiteSchema, templateFields, type Suite } from '../../src/lib/core/suites';

const suite = (over: Partial<Suite['template']> = {}): Pick<Suite, 'template'> => ({
  template: { system: 'Du bist hilfreich.', user: 'Text: {{context}}\nFrage: {{ question }}', ...over }
});

describe('renderPrompt', () => {
  it('builds system, few-shot pairs and the filled user message in order', () => {
    const messages = renderPrompt(suite({ fewShot: [{ user: 'F1', assistant: 'A1' }, { user: 'F2', assistant: 'A2' }] }), {
      id: 'x1',
      input: { context: 'Berlin liegt an der Spree.', question: 'Woran liegt Berlin?' }
    });
    expect(messages).toEqual([
      { role: 'system', content: 'Du bist hilfreich.' },
      { role: 'user', content: 'F1' },
      { role: 'assistant', content: 'A1' },
      { role: 'user', content: 'F2' },
      { role: 'assistant', content: 'A2' },
      { role: 'user', content: 'Text: Berlin liegt an der Spree.\nFrage: Woran liegt Berlin?' }
    ]);
  });

  it('names the missing field and the item', () => {
    let err: unknown;
    try {
      renderPrompt(suite(), { id: 'item-7', input: { context: 'c' } });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PromptRenderError);
    expect((err as PromptRenderError).field).toBe('question');
    expect((err as Error).message).toMatch(/item item-7: .*\{\{question\}\}.*input\.question/);
  });

  it('treats null as missing', () => {
    expect(() => renderPrompt(suite(), { id: 'n', input: { context: 'c', question: null } })).toThrow(/input\.question/);
  });

  it('does not expand placeholders or $-patterns inside item values', () => {
    const [, user] = renderPrompt(suite(), { id: 'i', input: { context: 'Schreib {{question}} und $& und $1', question: 'Q' } });
    expect(user.content).toBe('Text: Schreib {{question}} und $& und $1\nFrage: Q');
  });

  it('formats numbers as text and lists/objects as JSON', () => {
    expect(fillTemplate('{{a}}|{{b}}|{{c}}', { a: 42, b: ['x', 'y'], c: false })).toBe('42|[\n  "x",\n  "y"\n]|false');
  });

  it('refuses unresolved few-shot paths', () => {
    const s = { template: { system: 's', user: 'u', fewShot: 'datasets/x/shots.json' } } as unknown as Pick<Suite, 'template'>;
    expect(() => renderPrompt(s, { id: 'i', input: {} })).toThrow(/loadSuite/);
  });

  it('templateFields lists each placeholder once', () => {
    expect(templateFields('{{a}} {{ b }} {{a}} {c}')).toEqual(['a', 'b']);
  });
});

describe('suite and row schemas', () => {
  const base = {
    id: 'x',
    name: 'X',
    description: 'd',
    language: 'de',
    dataset: { path: 'datasets/x/items.jsonl', licence: 'CC0', source: 's', attribution: 'a' },
    personalData: true,
    template: { system: 'S', user: '{{q}}' },
    generation: { maxTokens: 10, temperature: 0 },
    output: { parse: 'text' },
    scorer: { type: 'rules', rules: [{ type: 'sie-form' }] },
    metrics: { primary: 'pass_rate' }
  };

  it('accepts a minimal suite and keeps scorer options for the scoring validator', () => {
    const s = suiteSchema.parse(base);
    expect(s.scorer).toEqual({ type: 'rules', rules: [{ type: 'sie-form' }] });
    expect(s.personalData).toBe(true);
  });

  it('rejects another language, a non-JSONL dataset, an unknown parse mode, a negative token limit', () => {
    const issues = (over: object) => suiteSchema.safeParse({ ...base, ...over }).error?.issues.map((i) => i.path.join('.'));
    expect(issues({ language: 'en' })).toEqual(['language']);
    expect(issues({ dataset: { ...base.dataset, path: 'datasets/x/items.csv' } })).toEqual(['dataset.path']);
    expect(issues({ output: { parse: 'xml' } })).toEqual(['output.parse']);
    expect(issues({ generation: { maxTokens: -1, temperature: 0 } })).toEqual(['generation.maxTokens']);
    expect(issues({ scorer: { type: 'bleu' } })).toEqual(['scorer.type']);
  });

  it('row schema requires id, input object and expected', () => {
    expect(suiteItemSchema.safeParse({ id: 'a', input: {}, expected: 0 }).success).toBe(true);
    expect(suiteItemSchema.safeParse({ id: 'a', input: {}, expected: null }).success).toBe(true);
    expect(suiteItemSchema.safeParse({ id: '', input: {}, expected: 1 }).success).toBe(false);
    expect(suiteItemSchema.safeParse({ id: ' a', input: {}, expected: 1 }).success).toBe(false);
    expect(suiteItemSchema.safeParse({ id: 'a', input: 'text', expected: 1 }).success).toBe(false);
    expect(suiteItemSchema.safeParse({ id: 'a', input: {} }).error?.issues[0].path).toEqual(['expected']);
  });
});
