// Converts MGSM German (TSV question<TAB>answer) into datasets/mgsm-de/items.jsonl (numeric answers,
// thousands commas removed) and the German chain-of-thought exemplars into datasets/mgsm-de/exemplars.json.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkUpstreamHash, copyLicence, outDirFor, parseCliArgs, tsvFields, writeJsonl, writeSource, type Row } from './common';

interface Exemplars {
  number_answers: number[];
  exemplars_de: Record<string, { q: string; a: string }>;
}

const { upstream, root } = parseCliArgs('mgsm-de');
const tsv = join(upstream, 'mgsm_de.tsv');
const exFile = join(upstream, 'mgsm_de_exemplars.json');
checkUpstreamHash(tsv, '4dfea30fede44b813e2e496f5f0534049e83c7cc8aed6e00600b30ec62053626');
checkUpstreamHash(exFile, '4dd95ce2b5fc3e8fbe90652a9dc48b80af8ca45e3d5857f2cfe0b7612c663712');

const rows: Row[] = [];
const lines = readFileSync(tsv, 'utf8').split('\n').filter((l) => l.trim() !== '');
lines.forEach((line, i) => {
  const [question, answerRaw] = tsvFields(line.replace(/\r$/, ''), 2, `mgsm_de.tsv:${i + 1}`);
  const answerText = answerRaw.trim().replace(/,/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(answerText)) throw new Error(`mgsm_de.tsv:${i + 1}: answer "${answerRaw}" is not a number`);
  rows.push({
    id: `mgsm-de-${String(i + 1).padStart(3, '0')}`,
    input: { question: question.trim() },
    expected: Number(answerText),
    meta: { row: i + 1, answerRaw: answerRaw.trim() }
  });
});

const ex = JSON.parse(readFileSync(exFile, 'utf8')) as Exemplars;
const keys = Object.keys(ex.exemplars_de).sort((a, b) => Number(a) - Number(b));
const turns = keys.map((k, i) => {
  const e = ex.exemplars_de[k];
  if (!e.a.includes(String(ex.number_answers[i]))) throw new Error(`exemplar ${k}: answer ${ex.number_answers[i]} not in the reasoning`);
  return { user: e.q, assistant: e.a };
});

const out = outDirFor(root, 'mgsm-de');
writeJsonl(join(out, 'items.jsonl'), rows);
writeFileSync(join(out, 'exemplars.json'), JSON.stringify(turns, null, 2) + '\n');
copyLicence(join(upstream, 'LICENSE'), out);
writeSource(root, out, upstream, {
  id: 'mgsm-de',
  repository: 'https://github.com/google-research/url-nlp (folder mgsm/)',
  commit: '452a21ad3dae5668c06ceeac21ff073e1e40f9be',
  licence: 'CC BY 4.0 (LICENSE = mgsm/LICENSE of the repository; some hub cards say CC BY-SA 4.0, the file in the repository says CC BY 4.0)',
  attribution: 'MGSM by Shi et al. (2022), "Language Models are Multilingual Chain-of-Thought Reasoners"; human translation of 250 GSM8K test problems (Cobbe et al. 2021).',
  upstreamFiles: ['mgsm_de.tsv', 'mgsm_de_exemplars.json'],
  conversion: [
    'one item per TSV row, id = mgsm-de-NNN (1-based row number, zero-padded)',
    'input = { question }; expected = the answer as a number (thousands commas such as 2,125 removed)',
    'meta.answerRaw keeps the upstream answer string',
    'exemplars.json = the 8 German chain-of-thought exemplars as few-shot turns (user = question with "Frage:", assistant = step-by-step answer)'
  ],
  itemCount: rows.length
});
