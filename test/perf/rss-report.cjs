// Preloaded into benchmark child processes (NODE_OPTIONS=--require): on exit, writes this process's
// peak resident set size (process.resourceUsage().maxRSS, KiB) and CPU time to $WB_RSS_DIR/<pid>.json, so the
// harness can report the peak RSS of tools it does not control (promptfoo).
'use strict';
const dir = process.env.WB_RSS_DIR;
if (dir) {
  process.on('exit', () => {
    try {
      require('node:fs').writeFileSync(require('node:path').join(dir, process.pid + '.json'), JSON.stringify({ pid: process.pid, ppid: process.ppid, maxRssKb: process.resourceUsage().maxRSS, cpuMs: (process.cpuUsage().user + process.cpuUsage().system) / 1000, argv: process.argv.slice(1, 3) }));
    } catch {
      /* best effort */
    }
  });
}
