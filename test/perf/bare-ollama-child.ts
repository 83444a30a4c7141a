// Benchmark helper process: the lower bound for a runner — a bare loop of the `ollama` client over the
// same prompts at the same concurrency, streaming like Werkbank does, with no timing, storage or scoring.
// argv: <url> <prompts.json> <concurrency> [transport]. transport `fetch` (default) is the SDK as
// shipped (Node's global fetch); `http` gives the SDK Werkbank's node:http fetch, so the loop shows the
// limit for a runner on that transport. Prints one JSON line { n, ok, requestPhaseMs }.
import { readFileSync } from 'node:fs';
import { Ollama } from 'ollama';
import { createHttpFetch } from '../../src/lib/server/providers/http-fetch';

const [url, file, conc, transport = 'fetch'] = process.argv.slice(2);
const prompts = JSON.parse(readFileSync(file, 'utf8')) as { messages: { role: string; content: string }[] }[];
const client = new Ollama({ host: url, fetch: transport === 'http' ? createHttpFetch() : undefined });
let next = 0;
let ok = 0;
const t0 = performance.now();
await Promise.all(
  Array.from({ length: Number(conc) }, async () => {
    while (next < prompts.length) {
      const p = prompts[next++];
      const stream = await client.chat({ model: 'bench', messages: p.messages, stream: true, options: { num_predict: 8, temperature: 0 } });
      let text = '';
      for await (const part of stream) text += part.message.content;
      if (text) ok++;
    }
  })
);
process.stdout.write(JSON.stringify({ n: prompts.length, ok, requestPhaseMs: performance.now() - t0 }) + '\n');
