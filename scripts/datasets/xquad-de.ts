// Converts XQuAD German (SQuAD v1.1 JSON) into datasets/xquad-de/items.jsonl: one item per question,
// id = the XQuAD question id, all gold answer texts as a list. Deterministic (upstream order).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkUpstreamHash, copyLicence, outDirFor, parseCliArgs, writeJsonl, writeSource, type Row } from './common';

interface Squad {
  data: { title: string; paragraphs: { context: string; qas: { id: string; question: string; answers: { text: string; answer_start: number }[] }[] }[] }[];
}

const { upstream, root } = parseCliArgs('xquad-de');
const src = join(upstream, 'xquad.de.json');
checkUpstreamHash(src, '990b5d746746ed65ed4702ea5f35f99ffa4e2f1c390c07d003642acd937916f9');
const squad = JSON.parse(readFileSync(src, 'utf8')) as Squad;
const rows: Row[] = [];
squad.data.forEach((article, a) => {
  article.paragraphs.forEach((p, pi) => {
    for (const qa of p.qas) {
      const gold: string[] = [];
      for (const ans of qa.answers) if (!gold.includes(ans.text)) gold.push(ans.text);
      if (gold.length === 0) throw new Error(`question ${qa.id} has no answer`);
      rows.push({
        id: qa.id,
        input: { context: p.context, question: qa.question },
        expected: gold,
        meta: { article: article.title, articleIndex: a, paragraphIndex: pi, answerStart: qa.answers.map((x) => x.answer_start) }
      });
    }
  });
});
const out = outDirFor(root, 'xquad-de');
writeJsonl(join(out, 'items.jsonl'), rows);
copyLicence(join(upstream, 'LICENSE-CC-BY-SA-4.0.txt'), out);
writeSource(root, out, upstream, {
  id: 'xquad-de',
  repository: 'https://github.com/google-deepmind/xquad',
  commit: '7d30520c717524000f0d9d2f9c10a069acd9d285',
  licence: 'CC BY-SA 4.0 (LICENSE = the CC-BY-SA4.0.txt of the repository)',
  attribution: 'XQuAD by Artetxe, Ruder and Yogatama (2020), "On the Cross-lingual Transferability of Monolingual Representations"; German translation of 240 paragraphs / 1190 questions of the SQuAD v1.1 dev set (Rajpurkar et al. 2016).',
  upstreamFiles: ['xquad.de.json'],
  conversion: [
    'one item per question, in file order (articles, paragraphs, questions)',
    'id = XQuAD question id; input = { context, question }',
    'expected = list of distinct gold answer texts (order kept)',
    'meta = article title, article/paragraph index, answer_start offsets',
    'text unchanged'
  ],
  itemCount: rows.length
});
