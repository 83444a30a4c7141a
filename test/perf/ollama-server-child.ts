// Benchmark helper process: the Ollama protocol test server (test/servers/ollama.ts) in its own process,
// so its CPU and memory are not charged to the tool under test. Reads the response script from argv[2]
// (JSON), prints `READY <url>` on stdout, serves until stdin closes or SIGTERM. Recorded requests are
// dropped every second so a 20,000-request run does not grow the server.
import { startOllamaServer } from '../servers/ollama';
import type { ResponseScript } from '../servers/common';

const script = JSON.parse(process.argv[2] ?? '{}') as ResponseScript;
const server = await startOllamaServer({ script });
const keep = process.env.WB_KEEP_REQUESTS === '1';
const trim = keep ? undefined : setInterval(() => server.reset(), 1000);
process.stdout.write(`READY ${server.url}\n`);
const stop = async () => {
  if (trim) clearInterval(trim);
  await server.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.stdin.on('end', () => void stop());
process.stdin.resume();
