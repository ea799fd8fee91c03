// Runs Lighthouse on a list of URLs in one headless Chromium and prints one JSON object:
// {"<name>": {"scores": {"performance": 1, ...}, "failing": [{"id", "title", "score", "category"}]}}
//
// Usage: node run.mjs '<json>' where json is
//   {"formFactor": "mobile"|"desktop", "pages": [{"name": "...", "url": "...", "categories": [...]}]}
// CHROME_PATH names the browser (default /usr/bin/chromium); the flags match tests/e2e/conftest.py.
//
// The mobile CPU slowdown is calibrated to this machine, as Lighthouse's docs/throttling.md
// advises: its default 4x turns a high-end desktop (benchmarkIndex 1500-2000) into a mid-tier
// phone, and on a slower or busier host the same 4x emulates a slower phone than that. A first
// run measures the host's benchmarkIndex and the slowdown is scaled from 4x at 1750 (the middle
// of that bracket), never below 1x: every run then emulates the same phone. Each page's result
// carries the benchmarkIndex and the slowdown it was scored with.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import * as constants from 'lighthouse/core/config/constants.js';

const REFERENCE_INDEX = 1750;
const DEFAULT_SLOWDOWN = constants.throttling.mobileSlow4G.cpuSlowdownMultiplier;

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
const config = request.formFactor === 'desktop' ? desktopConfig : undefined;

async function calibratedThrottling() {
  if (config) return {};  // the desktop preset applies no CPU slowdown
  const first = request.pages[0];
  const runner = await lighthouse(first.url, {port: chrome.port, output: 'json', logLevel: 'error',
                                               onlyCategories: ['performance']});
  const index = runner.lhr.environment.benchmarkIndex;
  const slowdown = Math.max(1, Math.round((DEFAULT_SLOWDOWN * index / REFERENCE_INDEX) * 10) / 10);
  return {throttling: {...constants.throttling.mobileSlow4G, cpuSlowdownMultiplier: slowdown}};
}

try {
  const throttling = await calibratedThrottling();
  for (const page of request.pages) {
    const flags = {port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: page.categories,
                   ...throttling};
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
                          warnings: lhr.runWarnings,
                          benchmarkIndex: Math.round(lhr.environment.benchmarkIndex),
                          cpuSlowdown: lhr.configSettings.throttling.cpuSlowdownMultiplier};
  }
} finally {
  await chrome.kill();
  fs.rmSync(profile, {recursive: true, force: true});
}
process.stdout.write(JSON.stringify(results));
