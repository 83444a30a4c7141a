// Converts the PAWS-X German test split (SuperGLEBer redistribution) into datasets/pawsx-de/items.jsonl:
// sentence pair → "ja" (paraphrase) or "nein". Item id = the upstream pair id.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkUpstreamHash, copyLicence, outDirFor, parseCliArgs, tsvFields, writeJsonl, writeSource, type Row } from './common';

const { upstream, root } = parseCliArgs('pawsx-de');
const test = join(upstream, 'test_2k.tsv');
checkUpstreamHash(test, 'fcea7272af14558ba6c233b9b0fc7de38de3b41df53947e7a410a10cc2c3aabc');

const rows: Row[] = [];
const lines = readFileSync(test, 'utf8').split('\n');
const header = lines[0].replace(/\r$/, '');
if (header !== 'id\tsentence1\tsentence2\tlabel') throw new Error(`unexpected header: ${header}`);
lines.slice(1).forEach((line, i) => {
  if (line.trim() === '') return;
  const [id, s1, s2, label] = tsvFields(line.replace(/\r$/, ''), 4, `test_2k.tsv:${i + 2}`);
  if (label !== '0' && label !== '1') throw new Error(`test_2k.tsv:${i + 2}: label ${label}`);
  if (s1.trim() === '' || s2.trim() === '') throw new Error(`test_2k.tsv:${i + 2}: empty sentence`);
  rows.push({ id: `pawsx-de-${id}`, input: { sentence1: s1.trim(), sentence2: s2.trim() }, expected: label === '1' ? 'ja' : 'nein', meta: { upstreamId: Number(id), label: Number(label) } });
});

const out = outDirFor(root, 'pawsx-de');
writeJsonl(join(out, 'items.jsonl'), rows);
copyLicence(join(upstream, 'LICENSE'), out);
writeSource(root, out, upstream, {
  id: 'pawsx-de',
  repository: 'https://github.com/LSX-UniWue/SuperGLEBer (data/PAWSX/test.tsv); original https://github.com/google-research-datasets/paws (LICENSE at commit 02b29f3af1143620d1b7f352247e65c0bdd2ec18)',
  commit: '5d3c59a91ab3b5011a45a28cfafe813cf657111d',
  licence: 'PAWS-X licence: free use for any purpose, acknowledgement of Google LLC as the data source appreciated (LICENSE = the PAWS repository LICENSE)',
  attribution: 'PAWS-X by Yang, Zhang, Tar and Baldridge (2019), Google LLC; German human-translated test pairs as redistributed by SuperGLEBer.',
  upstreamFiles: ['test_2k.tsv'],
  conversion: [
    'one item per TSV row (header skipped), id = pawsx-de-<upstream id>',
    'input = { sentence1, sentence2 } (surrounding whitespace trimmed)',
    'expected = "ja" for label 1 (paraphrase), "nein" for label 0; meta keeps the upstream id and label'
  ],
  itemCount: rows.length
});
