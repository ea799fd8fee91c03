// Runs Lighthouse on a list of URLs in one headless Chromium and prints one JSON object:
// {"<name>": {"scores": {"performance": 1, ...}, "failing": [{"id", "title", "score", "category"}]}}
//
// Usage: node run.mjs '<json>' where json is
//   {"formFactor": "mobile"|"desktop", "pages": [{"name": "...", "url": "...", "categories": [...]}]}
// CHROME_PATH names the browser (default /usr/bin/chromium); the flags match tests/e2e/conftest.py.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';

const request = JSON.parse(process.argv[2]);
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'spa-lighthouse-'));
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  userDataDir: profile,
  chromeFlags: [
    '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
  ],
  envVars: {...process.env, XDG_CONFIG_HOME: profile, XDG_CACHE_HOME: profile},
});
const results = {};
try {
  for (const page of request.pages) {
    const flags = {port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: page.categories};
    const config = request.formFactor === 'desktop' ? desktopConfig : undefined;
    const runner = await lighthouse(page.url, flags, config);
    const lhr = runner.lhr;
    const scores = {};
    const failing = [];
    for (const [id, category] of Object.entries(lhr.categories)) {
      scores[id] = category.score;
      for (const ref of category.auditRefs) {
        const audit = lhr.audits[ref.id];
        if (ref.weight > 0 && audit.score !== null && audit.score < 1) {
          failing.push({id: ref.id, category: id, score: audit.score, title: audit.title,
                        value: audit.displayValue || ''});
        }
      }
    }
    results[page.name] = {scores, failing, runtimeError: lhr.runtimeError?.message || null,
                          warnings: lhr.runWarnings};
  }
} finally {
  await chrome.kill();
  fs.rmSync(profile, {recursive: true, force: true});
}
process.stdout.write(JSON.stringify(results));
