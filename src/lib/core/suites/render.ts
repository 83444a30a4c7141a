// Prompt rendering: suite template + dataset item → chat messages (system, few-shot turns, user).
// Pure; a placeholder without a value in item.input is an error naming the field and the item.
import { PLACEHOLDER, type Suite, type SuiteItem } from './schema';

/** Structurally identical to ChatMessage in src/lib/server/providers/types.ts (core stays free of server imports). */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export class PromptRenderError extends Error {
  readonly field: string;
  readonly itemId: string;
  constructor(message: string, field: string, itemId: string) {
    super(message);
    this.name = 'PromptRenderError';
    this.field = field;
    this.itemId = itemId;
  }
}

/** Text for one input value: strings as they are, numbers/booleans as text, lists and objects as JSON. */
export function formatInputValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value, null, 2);
}

/** Fill `{{field}}` placeholders from `input`; throws PromptRenderError for a missing (undefined or null) field. */
export function fillTemplate(template: string, input: Record<string, unknown>, itemId = '?'): string {
  return template.replace(PLACEHOLDER, (_m, field: string) => {
    const value = Object.prototype.hasOwnProperty.call(input, field) ? input[field] : undefined;
    if (value === undefined || value === null) {
      throw new PromptRenderError(`item ${itemId}: template placeholder {{${field}}} has no value in input.${field}`, field, itemId);
    }
    return formatInputValue(value);
  });
}

/** Chat messages for one item: system prompt, few-shot turns (user/assistant), then the filled user message. */
export function renderPrompt(suite: Pick<Suite, 'template'>, item: Pick<SuiteItem, 'id' | 'input'>): ChatMessage[] {
  const fewShot = suite.template.fewShot;
  if (fewShot !== undefined && !Array.isArray(fewShot)) {
    throw new Error('few-shot turns are a file path that was not resolved; load the suite with loadSuite()');
  }
  const messages: ChatMessage[] = [{ role: 'system', content: suite.template.system }];
  for (const turn of fewShot ?? []) {
    messages.push({ role: 'user', content: turn.user }, { role: 'assistant', content: turn.assistant });
  }
  messages.push({ role: 'user', content: fillTemplate(suite.template.user, item.input, item.id) });
  return messages;
}
