// Probe prompts: German filler text of a target length, made unique per request so no server can
// answer from a prefix cache (which would make TTFT look better than a real, new prompt).

const WORDS = (
  'Die Werkbank misst heute die Geschwindigkeit eines Sprachmodells auf dieser Maschine . Jeder Antrag ' +
  'der Kundin wird geprüft , bewertet und mit einer klaren Begründung beantwortet . Das Finanzamt verlangt ' +
  'eine vollständige Rechnung mit Steuernummer , Datum und Betrag . Unsere Mitarbeiterinnen schreiben ' +
  'Zusammenfassungen , übersetzen Verträge und beantworten Fragen zur Datenschutz-Grundverordnung . Im ' +
  'Rechenzentrum in Frankfurt laufen die Grafikkarten rund um die Uhr , während die Kollegen in München ' +
  'die Auswertung der Ergebnisse vorbereiten . Bitte formuliere höflich , sachlich und ausführlich .'
).split(' ');

/** Rough tokens per German word for tokenizers we cannot ask (BPE/SPM vocabularies of 32k–256k). */
export const TOKENS_PER_GERMAN_WORD = 1.3;

/** `n` words of German filler text. */
export function germanWords(n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(WORDS[i % WORDS.length]);
  return out.join(' ').replace(/ ([.,])/g, '$1');
}

/**
 * A probe prompt of about `promptTokens` tokens: a request number first (so every request has its own
 * prefix), German filler, then the instruction to write at length. With `countTokens` (the local engine,
 * template and BOS included) the filler is cut to the largest prompt within `promptTokens`; otherwise
 * the word count is estimated with TOKENS_PER_GERMAN_WORD.
 */
export function probePrompt(promptTokens: number, requestNo: number, countTokens?: (text: string) => number): string {
  const build = (n: number) => `${requestNo}. ${germanWords(n)} ${TAIL}`;
  if (!countTokens) return build(Math.max(1, Math.round(promptTokens / TOKENS_PER_GERMAN_WORD) - 8));
  let lo = 0;
  let hi = Math.max(1, promptTokens * 2);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (countTokens(build(mid)) <= promptTokens) lo = mid;
    else hi = mid - 1;
  }
  return build(lo);
}

const TAIL = 'Schreibe dazu einen langen Bericht.';
