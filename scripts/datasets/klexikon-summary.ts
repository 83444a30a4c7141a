// Converts Klexikon (German Wikipedia article → Klexikon children's-lexicon article) into
// datasets/klexikon-summary/items.jsonl. Deterministic subset: only pairs whose Wikipedia text has at most
// MAX_SOURCE_CHARS characters (keeps prompts within ~8k tokens and the file well under 5 MiB), sorted by id.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkUpstreamHash, copyLicence, outDirFor, parseCliArgs, writeJsonl, writeSource, type Row } from './common';

const MAX_SOURCE_CHARS = 20_000;

const { upstream, root } = parseCliArgs('klexikon-summary');
const src = join(upstream, 'klexikon_test.jsonl');
checkUpstreamHash(src, 'badb3921bc7541f8b9aba54efd7268ae5116998fee96d9c8cc36c41629fe11e2');

interface Pair {
  file_stem: string;
  wiki_text: string;
  klexikon_text: string;
}
const all = readFileSync(src, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as Pair);
const chosen = all
  .filter((p) => [...p.wiki_text].length <= MAX_SOURCE_CHARS)
  .sort((a, b) => (a.file_stem < b.file_stem ? -1 : a.file_stem > b.file_stem ? 1 : 0));
const rows: Row[] = chosen.map((p) => ({
  id: p.file_stem,
  input: { article: p.wiki_text.trim() },
  expected: p.klexikon_text.trim(),
  meta: { sourceChars: [...p.wiki_text].length, referenceChars: [...p.klexikon_text].length }
}));

const out = outDirFor(root, 'klexikon-summary');
writeJsonl(join(out, 'items.jsonl'), rows);
copyLicence(join(upstream, 'LICENSE-NOTE.txt'), out);
writeSource(root, out, upstream, {
  id: 'klexikon-summary',
  repository: 'https://github.com/dennlinger/klexikon',
  commit: 'c909f38794b244c2d55d5b0037755390c56c9610',
  licence: 'CC BY-SA (version not stated upstream; German Wikipedia text is CC BY-SA 3.0/4.0, Klexikon text CC BY-SA). Repository code is MIT and not used here.',
  attribution: 'Klexikon by Aumiller and Gertz (2022), "Klexikon: A German Dataset for Joint Summarization and Simplification"; texts from the German Wikipedia and the Klexikon (klexikon.zum.de), their authors under CC BY-SA.',
  upstreamFiles: ['klexikon_test.jsonl'],
  conversion: [
    `subset: the ${chosen.length} of ${all.length} test pairs whose Wikipedia text has at most ${MAX_SOURCE_CHARS} characters, sorted by file_stem`,
    'id = upstream file_stem (article title); input = { article } (Wikipedia text); expected = Klexikon text (reference summary); both trimmed, otherwise unchanged',
    'meta = character counts of source and reference'
  ],
  itemCount: rows.length
});
