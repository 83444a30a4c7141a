// The five team-written German suites (de-email-triage, de-invoice-extraction, de-formal-letter,
// de-dsgvo-knowledge, de-pii-redaction): they load with the real suite loader, have enough items with
// stable unique ids, and every expected value is well-formed — checked independently of the generator
// (IBAN mod-97 and USt-IdNr. check digits, invoice arithmetic, balanced answer letters, PII spans that
// occur verbatim) and against the real scorers (a gold-derived answer scores 1, a wrong one does not).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { aggregateScores, scoreItem, validateScorerConfig, type ScorerConfig } from '../../src/lib/core/scoring';
import { renderPrompt, type LoadedSuite, type SuiteItem } from '../../src/lib/core/suites';
import { loadSuite } from '../../src/lib/server/suites/loader';

const root = resolve(import.meta.dirname, '../..');

const TEAM: Record<string, { scorer: string; personalData: boolean; minItems: number }> = {
  'de-email-triage': { scorer: 'json-fields', personalData: true, minItems: 40 },
  'de-invoice-extraction': { scorer: 'json-fields', personalData: false, minItems: 40 },
  'de-formal-letter': { scorer: 'rules', personalData: true, minItems: 40 },
  'de-dsgvo-knowledge': { scorer: 'multiple-choice', personalData: false, minItems: 40 },
  'de-pii-redaction': { scorer: 'pii-redaction', personalData: true, minItems: 40 }
};

const loaded: Record<string, LoadedSuite> = {};
/** The suite's scorer config, typed (the loader has already validated it with the same schema). */
const cfg = (l: LoadedSuite): ScorerConfig => validateScorerConfig(l.suite.scorer);
beforeAll(async () => {
  for (const id of Object.keys(TEAM)) loaded[id] = await loadSuite(root, id);
});

/** ISO 13616 mod-97 over the whole IBAN with BigInt (independent of the generator's digit loop). */
function ibanChecksumOk(iban: string): boolean {
  const s = iban.replace(/\s+/g, '');
  if (!/^DE\d{20}$/.test(s)) return false;
  const digits = (s.slice(4) + s.slice(0, 4)).replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  return BigInt(digits) % 97n === 1n;
}

/** German USt-IdNr.: DE + 9 digits, the last one an ISO 7064 MOD 11,10 check digit over the first 8. */
function ustIdOk(id: string): boolean {
  const m = /^DE(\d{8})(\d)$/.exec(id);
  if (!m) return false;
  let p = 10;
  for (const d of m[1]) {
    const s = (Number(d) + p) % 10 || 10;
    p = (2 * s) % 11;
  }
  return (11 - p) % 10 === Number(m[2]);
}

const deAmount = (v: number): string => {
  const [i, d] = v.toFixed(2).split('.');
  return `${i.replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${d}`;
};
const cents = (v: number): number => Math.round(v * 100);

describe('team suites: loading, ids, licence and provenance files', () => {
  for (const [id, facts] of Object.entries(TEAM)) {
    it(`${id}: loads, ≥ ${facts.minItems} unique ids, scorer ${facts.scorer}, personalData ${facts.personalData}, files present`, () => {
      const l = loaded[id];
      expect(l.suite.id).toBe(id);
      expect(l.suite.scorer.type).toBe(facts.scorer);
      expect(l.suite.personalData).toBe(facts.personalData);
      expect(l.items.length).toBeGreaterThanOrEqual(facts.minItems);
      const ids = l.items.map((i) => i.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const item of l.items) {
        expect(item.meta?.synthetic).toBe(true);
        const user = renderPrompt(l.suite, item).at(-1)?.content ?? '';
        expect(user).not.toMatch(/\{\{/);
      }
      const dir = join(root, 'datasets', id);
      const licence = readFileSync(join(dir, 'LICENSE'), 'utf8');
      expect(licence).toMatch(/Creative Commons Attribution 4\.0/);
      expect(licence).toMatch(/Werkbank-Team/);
      expect(l.suite.dataset.licence).toBe('CC BY 4.0');
      expect(readFileSync(join(dir, 'README.md'), 'utf8')).toMatch(/Licence[\s\S]*CC BY 4\.0/);
      // SOURCE.txt records the item count and the hash of exactly this items.jsonl (the generator wrote both).
      const source = readFileSync(join(dir, 'SOURCE.txt'), 'utf8');
      expect(source).toContain(`Items: ${l.items.length}\n`);
      const sha = createHash('sha256').update(readFileSync(l.datasetFile)).digest('hex');
      expect(source).toContain(`items.jsonl sha256: ${sha}`);
      expect(existsSync(join(root, 'scripts/datasets/team', `${id}.ts`))).toBe(true);
    });
  }
});

describe('de-email-triage', () => {
  const sectorLabels = (item: SuiteItem): string[] => String(item.input.kategorien).split('; ').map((s) => s.replace(/\s*\(.*$/, ''));

  it('every expected category belongs to the label set of its sector and to the scorer enum; urgency is hoch|mittel|niedrig', () => {
    const c = cfg(loaded['de-email-triage']) as Extract<ScorerConfig, { type: 'json-fields' }>;
    const enumValues = c.fields.kategorie.values ?? [];
    for (const item of loaded['de-email-triage'].items) {
      const e = item.expected as { kategorie: string; dringlichkeit: string };
      expect(sectorLabels(item), item.id).toContain(e.kategorie);
      expect(enumValues, item.id).toContain(e.kategorie);
      expect(['hoch', 'mittel', 'niedrig'], item.id).toContain(e.dringlichkeit);
      expect(item.input.branche).toBe(item.meta?.branche);
    }
  });

  it('covers all three sectors, every category of each sector and every urgency level several times', () => {
    const items = loaded['de-email-triage'].items;
    const bySector = new Map<string, SuiteItem[]>();
    for (const i of items) bySector.set(String(i.input.branche), [...(bySector.get(String(i.input.branche)) ?? []), i]);
    expect([...bySector.keys()].sort()).toEqual(['Arztpraxis', 'Handwerksbetrieb', 'Kanzlei']);
    for (const [sector, list] of bySector) {
      expect(list.length, sector).toBeGreaterThanOrEqual(12);
      const used = new Set(list.map((i) => (i.expected as { kategorie: string }).kategorie));
      expect([...used].sort(), sector).toEqual([...sectorLabels(list[0])].sort());
    }
    for (const level of ['hoch', 'mittel', 'niedrig']) {
      expect(items.filter((i) => (i.expected as { dringlichkeit: string }).dringlichkeit === level).length, level).toBeGreaterThanOrEqual(10);
    }
  });

  it('the scorer gives 1 for the gold JSON and less for a wrong urgency', () => {
    const l = loaded['de-email-triage'];
    const gold = l.items.map((i) => scoreItem(cfg(l), '```json\n' + JSON.stringify(i.expected) + '\n```', i));
    expect(aggregateScores(cfg(l), gold, l.items).field_f1).toBe(1);
    const item = l.items[0];
    const e = item.expected as { kategorie: string; dringlichkeit: string };
    const wrong = scoreItem(cfg(l), JSON.stringify({ ...e, dringlichkeit: e.dringlichkeit === 'hoch' ? 'niedrig' : 'hoch' }), item);
    expect(wrong.score).toBeCloseTo(0.5, 10);
  });
});

describe('de-invoice-extraction', () => {
  type Inv = { belegart: string; rechnungsnummer: string; datum: string; faelligkeit: string | null; netto: number; ust_satz: number; ust_betrag: number; brutto: number; iban: string; ust_idnr: string | null; lieferant: string };
  const inv = (i: SuiteItem) => i.expected as Inv;

  it('IBANs have valid mod-97 check digits and USt-IdNr. valid check digits (DE + 9 digits)', () => {
    for (const item of loaded['de-invoice-extraction'].items) {
      const e = inv(item);
      expect(ibanChecksumOk(e.iban), `${item.id} ${e.iban}`).toBe(true);
      if (e.ust_idnr !== null) expect(ustIdOk(e.ust_idnr), `${item.id} ${e.ust_idnr}`).toBe(true);
      else expect(e.ust_satz, `${item.id}: no USt-IdNr. only for § 19 UStG`).toBe(0);
    }
  });

  it('amounts are consistent: Σ positions = netto, round(netto × satz) = USt, netto + USt = brutto', () => {
    for (const item of loaded['de-invoice-extraction'].items) {
      const e = inv(item);
      const positions = item.meta?.positions as { qty: number; unitPriceNet: number; totalNet: number }[];
      for (const p of positions) expect(cents(p.totalNet), item.id).toBe(Math.round(p.qty * p.unitPriceNet * 100));
      expect(positions.reduce((a, p) => a + cents(p.totalNet), 0), item.id).toBe(cents(e.netto));
      expect(cents(e.ust_betrag), item.id).toBe(Math.round((cents(e.netto) * e.ust_satz) / 100));
      expect(cents(e.netto) + cents(e.ust_betrag), item.id).toBe(cents(e.brutto));
      expect([0, 7, 19]).toContain(e.ust_satz);
    }
  });

  it('every expected value is printed in the text (German amount format, IBAN with or without spaces, a German date spelling)', () => {
    const monate = ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'];
    const spellings = (iso: string): string[] => {
      const [y, m, d] = iso.split('-').map(Number);
      const dd = String(d).padStart(2, '0');
      const mm = String(m).padStart(2, '0');
      return [`${dd}.${mm}.${y}`, `${d}.${m}.${y}`, `${d}. ${monate[m - 1]} ${y}`, `${dd}. ${monate[m - 1]} ${y}`];
    };
    for (const item of loaded['de-invoice-extraction'].items) {
      const e = inv(item);
      const text = String(item.input.text);
      expect(text, item.id).toContain(deAmount(e.brutto));
      if (e.ust_satz > 0) {
        expect(text, item.id).toContain(deAmount(e.netto));
        expect(text, item.id).toContain(deAmount(e.ust_betrag));
        expect(text, item.id).toContain(`${e.ust_satz} %`);
      }
      expect(text.replace(/\s+/g, ''), item.id).toContain(e.iban);
      expect(text, item.id).toContain(e.rechnungsnummer);
      expect(text, item.id).toContain(e.lieferant);
      if (e.ust_idnr) expect(text.replace(/\s+/g, ''), item.id).toContain(e.ust_idnr);
      expect(spellings(e.datum).some((s) => text.includes(s)), `${item.id} datum ${e.datum}`).toBe(true);
      expect(e.faelligkeit, item.id).not.toBeNull();
      expect(spellings(e.faelligkeit as string).some((s) => text.includes(s)), `${item.id} faelligkeit`).toBe(true);
      expect(e.faelligkeit! > e.datum, item.id).toBe(true);
      expect(text.includes('Angebot'), item.id).toBe(e.belegart === 'Angebot');
    }
  });

  it('mixes layouts, tax rates and document types', () => {
    const items = loaded['de-invoice-extraction'].items;
    expect(new Set(items.map((i) => i.meta?.layout)).size).toBeGreaterThanOrEqual(5);
    expect(new Set(items.map((i) => inv(i).ust_satz))).toEqual(new Set([0, 7, 19]));
    expect(items.filter((i) => inv(i).belegart === 'Angebot').length).toBeGreaterThanOrEqual(5);
  });

  it('the scorer gives 1 for the gold values written the German way and penalises a wrong amount', () => {
    const l = loaded['de-invoice-extraction'];
    const germanStyle = l.items.map((i) => {
      const e = inv(i);
      const out = { ...e, netto: deAmount(e.netto), brutto: `${deAmount(e.brutto)} €`, datum: e.datum.split('-').reverse().join('.') };
      return scoreItem(cfg(l), JSON.stringify(out), i);
    });
    expect(aggregateScores(cfg(l), germanStyle, l.items).field_f1).toBe(1);
    const item = l.items[0];
    const off = scoreItem(cfg(l), JSON.stringify({ ...inv(item), brutto: inv(item).brutto + 0.01 }), item);
    expect(off.metrics['field.brutto']).toBe(0);
    expect(off.score).toBeLessThan(1);
  });
});

describe('de-formal-letter', () => {
  type Expected = { salutation: string; rules: { type: string; id: string }[]; rubric: string };

  function letter(item: SuiteItem, facts: boolean, closing = 'Mit freundlichen Grüßen'): string {
    const e = item.expected as Expected;
    const samples = (item.meta?.factSamples ?? {}) as Record<string, string>;
    const body = facts ? Object.values(samples).map((s) => `Wir nennen hier ${s}.`).join(' ') : 'Wir melden uns in Kürze.';
    return `Betreff: Ihre Anfrage\n\n${e.salutation},\n\nvielen Dank für Ihr Schreiben. ${body}\n\n${closing}\n\nJan Wolters\nRechtsanwalt`;
  }

  it('every item has a salutation in the DIN form, at least one fact rule with a sample, and a German rubric', () => {
    for (const item of loaded['de-formal-letter'].items) {
      const e = item.expected as Expected;
      expect(e.salutation, item.id).toMatch(/^Sehr geehrte(?:r Herr| Frau| Damen und Herren$)/);
      const factRules = e.rules.filter((r) => r.type === 'contains');
      expect(factRules.length, item.id).toBeGreaterThanOrEqual(1);
      expect(Object.keys(item.meta?.factSamples as object).sort(), item.id).toEqual(factRules.map((r) => r.id).sort());
      expect(e.rubric, item.id).toMatch(/Sie-Form/);
      expect(e.rubric.length, item.id).toBeGreaterThan(150);
    }
  });

  it('a compliant letter built from the item facts passes every rule (patterns accept the natural spelling)', () => {
    const l = loaded['de-formal-letter'];
    for (const item of l.items) {
      const r = scoreItem(cfg(l), letter(item, true), item);
      expect(r.error, item.id).toBeUndefined();
      expect(r.score, `${item.id}: ${JSON.stringify(r.parsed)}`).toBe(1);
    }
  });

  it('leaving out the facts, using du or a wrong closing fails the matching rules', () => {
    const l = loaded['de-formal-letter'];
    for (const item of l.items) {
      const noFacts = scoreItem(cfg(l), letter(item, false), item);
      for (const rule of (item.expected as Expected).rules.filter((x) => x.type === 'contains')) {
        expect(noFacts.metrics[`rule.${rule.id}`], `${item.id} ${rule.id}`).toBe(0);
      }
    }
    const item = l.items[0];
    const du = scoreItem(cfg(l), letter(item, true).replace('vielen Dank für Ihr Schreiben.', 'danke für deine Nachricht.'), item);
    expect(du.metrics['rule.sie_form']).toBe(0);
    const gruss = scoreItem(cfg(l), letter(item, true, 'Liebe Grüße'), item);
    expect(gruss.metrics['rule.grussformel']).toBe(0);
    const wrongName = scoreItem(cfg(l), letter(item, true).replace((item.expected as Expected).salutation, 'Sehr geehrte Damen und Herren'), item);
    expect(wrongName.metrics['rule.anrede']).toBe(0);
  });
});

describe('de-dsgvo-knowledge', () => {
  it('answers are letters A–D, balanced within one, with four distinct options and a cited norm', () => {
    const items = loaded['de-dsgvo-knowledge'].items;
    const counts: Record<string, number> = { A: 0, B: 0, C: 0, D: 0 };
    for (const item of items) {
      expect(['A', 'B', 'C', 'D'], item.id).toContain(item.expected);
      counts[item.expected as string]++;
      const opts = ['A', 'B', 'C', 'D'].map((k) => String(item.input[k] ?? '').trim());
      for (const o of opts) expect(o.length, item.id).toBeGreaterThan(0);
      expect(new Set(opts).size, item.id).toBe(4);
      expect(String(item.input.frage), item.id).toMatch(/[?…]$/);
      expect(String(item.meta?.norm ?? ''), item.id).toMatch(/Art\.|§|EuGH|CLOUD|Durchführungsbeschluss/);
    }
    const values = Object.values(counts);
    expect(Math.max(...values) - Math.min(...values)).toBeLessThanOrEqual(1);
    expect(new Set(items.map((i) => String(i.input.frage))).size).toBe(items.length);
  });

  it('answer length gives no shortcut: no length rank (longest … shortest option) is correct in more than 40 % of items', () => {
    const items = loaded['de-dsgvo-knowledge'].items;
    const byRank = [0, 0, 0, 0];
    for (const item of items) {
      const order = ['A', 'B', 'C', 'D'].sort((x, y) => String(item.input[y]).length - String(item.input[x]).length);
      byRank[order.indexOf(item.expected as string)]++;
    }
    for (const n of byRank) expect(n / items.length).toBeLessThanOrEqual(0.4);
  });

  it('covers DSGVO, § 203 StGB, KI-VO, NIS2, DORA, CLOUD Act and third-country transfers', () => {
    const topics = new Set(loaded['de-dsgvo-knowledge'].items.map((i) => i.meta?.thema));
    for (const t of ['DSGVO', 'BDSG', '§ 203 StGB', 'KI-VO', 'NIS2', 'DORA', 'CLOUD Act', 'Drittland']) expect(topics).toContain(t);
  });

  it('the scorer accepts the gold letter in common answer styles', () => {
    const l = loaded['de-dsgvo-knowledge'];
    for (const item of l.items) {
      const letter = item.expected as string;
      expect(scoreItem(cfg(l), `Antwort: ${letter}`, item).score, item.id).toBe(1);
      const other = letter === 'A' ? 'B' : 'A';
      expect(scoreItem(cfg(l), other, item).score, item.id).toBe(0);
    }
  });
});

describe('de-pii-redaction', () => {
  type Span = { text: string; type: string };
  const spansOf = (i: SuiteItem) => (i.expected as { spans: Span[] }).spans;
  const redact = (text: string, spans: Span[]): string => {
    let out = text;
    for (const s of [...spans].sort((a, b) => b.text.length - a.text.length)) out = out.split(s.text).join(`[${s.type}]`);
    return out;
  };

  it('every span occurs verbatim in the text, as often as it is listed, with a known placeholder type', () => {
    const l = loaded['de-pii-redaction'];
    const c = cfg(l) as Extract<ScorerConfig, { type: 'pii-redaction' }>;
    for (const item of l.items) {
      const text = String(item.input.text);
      expect(text, item.id).not.toMatch(/[⟦⟧]/);
      const spans = spansOf(item);
      expect(item.meta?.spanCount, item.id).toBe(spans.length);
      const listed = new Map<string, number>();
      for (const s of spans) {
        expect(Object.keys(c.placeholders), item.id).toContain(s.type);
        expect(text, item.id).toContain(s.text);
        expect(s.text, item.id).toBe(s.text.trim());
        listed.set(s.text, (listed.get(s.text) ?? 0) + 1);
        if (s.type === 'IBAN') expect(ibanChecksumOk(s.text), `${item.id} ${s.text}`).toBe(true);
        if (s.type === 'EMAIL') expect(s.text, item.id).toMatch(/^[^@\s]+@[^@\s]+\.example$/);
        if (s.type === 'NAME') expect(s.text, item.id).not.toMatch(/^(Frau|Herr|Herrn|Dr\.)\s/);
      }
      for (const [t, n] of listed) expect(text.split(t).length - 1, `${item.id} "${t}"`).toBeGreaterThanOrEqual(n);
    }
  });

  it('no person addressed as Herr/Frau is left unmarked (the surname lies inside a NAME span)', () => {
    for (const item of loaded['de-pii-redaction'].items) {
      const text = String(item.input.text);
      const names = spansOf(item).filter((s) => s.type === 'NAME').map((s) => s.text);
      for (const m of text.matchAll(/(?:Herrn?|Frau)(?: Dr\.| Rechtsanwalt)? (\p{Lu}[\p{L}-]+)/gu)) {
        if (['Kollegin', 'Kollege'].includes(m[1])) continue;
        expect(names.some((n) => n.split(/[\s,]+/).includes(m[1])), `${item.id}: "${m[0]}"`).toBe(true);
      }
    }
  });

  it('covers all six types, and some texts have no personal data at all', () => {
    const items = loaded['de-pii-redaction'].items;
    const types = new Set(items.flatMap((i) => spansOf(i).map((s) => s.type)));
    expect([...types].sort()).toEqual(['ADRESSE', 'EMAIL', 'GEBURTSDATUM', 'IBAN', 'NAME', 'TELEFON']);
    expect(items.filter((i) => spansOf(i).length === 0).length).toBeGreaterThanOrEqual(3);
  });

  it('a perfect redaction scores 1 (no leak, full recall, text preserved); returning the text unchanged leaks everything', () => {
    const l = loaded['de-pii-redaction'];
    for (const item of l.items) {
      const perfect = scoreItem(cfg(l), redact(String(item.input.text), spansOf(item)), item);
      expect(perfect.error, item.id).toBeUndefined();
      expect(perfect.metrics.leak_rate, item.id).toBe(0);
      expect(perfect.metrics.placeholder_recall, item.id).toBe(1);
      expect(perfect.metrics.preservation, item.id).toBeCloseTo(1, 10);
      if (spansOf(item).length > 0) {
        const unchanged = scoreItem(cfg(l), String(item.input.text), item);
        expect(unchanged.metrics.leak_rate, item.id).toBe(1);
        expect(unchanged.metrics.placeholder_recall, item.id).toBe(0);
      }
    }
  });
});
