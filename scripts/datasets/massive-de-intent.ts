// Converts the MASSIVE de-DE intent test split (SuperGLEBer redistribution) into
// datasets/massive-de-intent/items.jsonl: utterance → intent name (60 labels from intent_labels.json).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkUpstreamHash, copyLicence, outDirFor, parseCliArgs, writeJsonl, writeSource, type Row } from './common';

const { upstream, root } = parseCliArgs('massive-de-intent');
const test = join(upstream, 'test.jsonl');
const labelsFile = join(upstream, 'intent_labels.json');
checkUpstreamHash(test, '4e8ab422820ceef37881ec624141365debfdf859942410b149f8fb3c3d7131c8');
checkUpstreamHash(labelsFile, '7798311f9a82132744f66cb505715c3d3e02d92bdaf22511935fcdfc4750f5b8');
const labels = JSON.parse(readFileSync(labelsFile, 'utf8')) as string[];

const rows: Row[] = [];
readFileSync(test, 'utf8')
  .split('\n')
  .forEach((line, i) => {
    if (line.trim() === '') return;
    const r = JSON.parse(line) as { text: string; label_id: number; intent: string };
    if (labels[r.label_id] !== r.intent) throw new Error(`test.jsonl:${i + 1}: label_id ${r.label_id} is ${labels[r.label_id]}, row says ${r.intent}`);
    rows.push({ id: `massive-de-test-${String(i + 1).padStart(4, '0')}`, input: { text: r.text }, expected: r.intent, meta: { line: i + 1, labelId: r.label_id } });
  });

const out = outDirFor(root, 'massive-de-intent');
writeJsonl(join(out, 'items.jsonl'), rows);
writeFileSync(join(out, 'labels.json'), JSON.stringify(labels, null, 2) + '\n');
copyLicence(join(upstream, 'LICENSE-CC-BY-4.0.txt'), out);
writeSource(root, out, upstream, {
  id: 'massive-de-intent',
  repository: 'https://github.com/LSX-UniWue/SuperGLEBer (data/Massive/Intents; redistribution of Amazon MASSIVE de-DE)',
  commit: '5d3c59a91ab3b5011a45a28cfafe813cf657111d',
  licence: 'CC BY 4.0 (MASSIVE, Amazon; LICENSE = CC BY 4.0 legal text)',
  attribution: 'MASSIVE by FitzGerald et al. (2022), Amazon; German test split as redistributed by SuperGLEBer (Pfister and Hotho 2024), a reduced subset of the official de-DE test split.',
  upstreamFiles: ['test.jsonl', 'intent_labels.json'],
  conversion: [
    'one item per line of test.jsonl, id = massive-de-test-NNNN (1-based line number)',
    'input = { text } (lower-cased utterance, unchanged); expected = intent name; meta.labelId = upstream integer label',
    'labels.json = the 60 intent names in label-id order (the scorer label set)'
  ],
  itemCount: rows.length
});
