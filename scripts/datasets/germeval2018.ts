// Converts the GermEval 2018 test file into two suites: germeval2018-offense (OFFENSE/OTHER) and
// germeval2018-fine (OTHER/ABUSE/INSULT/PROFANITY). Line breaks (|LBR|) become "\n"; user mentions are
// masked as @USER. Ids follow the test-file line number, so they are stable for this upstream snapshot.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkUpstreamHash, copyLicence, outDirFor, parseCliArgs, tsvFields, writeJsonl, writeSource, type Row } from './common';

const { upstream, root } = parseCliArgs('germeval2018');
const test = join(upstream, 'germeval2018.test.txt');
checkUpstreamHash(test, '45f31510b305d080a933d4087b8d34f7a5e4087141718955b90357ca730074f2');

const COARSE = ['OFFENSE', 'OTHER'];
const FINE = ['OTHER', 'ABUSE', 'INSULT', 'PROFANITY'];

/** Tweet text as shown to the model: |LBR| markers as line breaks, @handles masked. */
export function cleanTweet(raw: string): string {
  return raw
    .replace(/\s*\|LBR\|\s*/g, '\n')
    .replace(/(^|[^\p{L}\p{N}_])@[A-Za-z0-9_]+/gu, '$1@USER')
    .trim();
}

const coarseRows: Row[] = [];
const fineRows: Row[] = [];
const lines = readFileSync(test, 'utf8').split('\n');
lines.forEach((line, i) => {
  if (line.trim() === '') return;
  const [tweet, coarse, fine] = tsvFields(line.replace(/\r$/, ''), 3, `germeval2018.test.txt:${i + 1}`);
  if (!COARSE.includes(coarse)) throw new Error(`line ${i + 1}: unknown coarse label ${coarse}`);
  if (!FINE.includes(fine)) throw new Error(`line ${i + 1}: unknown fine label ${fine}`);
  const id = `germeval2018-test-${String(i + 1).padStart(4, '0')}`;
  const input = { text: cleanTweet(tweet) };
  coarseRows.push({ id, input, expected: coarse, meta: { line: i + 1 } });
  fineRows.push({ id, input, expected: fine, meta: { line: i + 1, coarse } });
});

const common = {
  repository: 'https://github.com/uds-lsv/GermEval-2018-Data',
  commit: '9877472d39523effd54cd079b4c61157ed141508',
  licence: 'CC BY 4.0 (LICENSE = LICENSE.md of the repository)',
  attribution: 'GermEval 2018 Shared Task on the Identification of Offensive Language: Wiegand, Siegel and Ruppenhofer (2018). Test set, 3532 German tweets.',
  upstreamFiles: ['germeval2018.test.txt']
};
const cleaning = [
  'one item per line of germeval2018.test.txt, id = germeval2018-test-NNNN (1-based line number)',
  'input.text: "|LBR|" line-break markers replaced by a newline; Twitter user mentions (@name) replaced by "@USER"; otherwise unchanged'
];
for (const [id, rows, labelNote] of [
  ['germeval2018-offense', coarseRows, 'expected = coarse label (column 2): OFFENSE | OTHER'],
  ['germeval2018-fine', fineRows, 'expected = fine label (column 3): OTHER | ABUSE | INSULT | PROFANITY; meta.coarse keeps column 2']
] as const) {
  const out = outDirFor(root, id);
  writeJsonl(join(out, 'items.jsonl'), rows as Row[]);
  copyLicence(join(upstream, 'LICENSE.md'), out);
  writeSource(root, out, upstream, { id, ...common, conversion: [...cleaning, labelNote], itemCount: rows.length });
}
