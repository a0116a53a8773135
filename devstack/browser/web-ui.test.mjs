// The web UI in real headless Chromium (Debian's, driven by playwright-core) against a running Skylog:
// log in as a devnet account, see the archive, search in Japanese, open a day, see the charts drawn, switch the
// language, log out. Screenshots of each step go to $SCREENSHOTS. Exits non-zero on the first failed check.
//
//   BASE_URL=http://localhost:8080 HANDLE=alice.test PASSWORD=alice-password SCREENSHOTS=target/screenshots \
//     node web-ui.test.mjs

import fs from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const BASE = process.env.BASE_URL || 'http://localhost:8080';
const HANDLE = process.env.HANDLE || 'alice.test';
const PASSWORD = process.env.PASSWORD || 'alice-password';
const SHOTS = process.env.SCREENSHOTS || 'target/screenshots';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
fs.mkdirSync(SHOTS, { recursive: true });

// Without the background-networking flags Chromium keeps calling Google's hosts, which this closed network refuses.
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic',
    '--no-first-run', '--disable-component-update', '--disable-sync'],
});
const problems = [];
let step = 0;
const steps = [];

async function check(name, body) {
  step += 1;
  const started = Date.now();
  try {
    await body();
    steps.push({ step, name, ok: true, ms: Date.now() - started });
    console.log(`ok ${step} - ${name}`);
  } catch (error) {
    steps.push({ step, name, ok: false, error: String(error) });
    console.log(`not ok ${step} - ${name}\n  ${String(error).replace(/\n/g, '\n  ')}`);
    throw error;
  }
}

async function shot(page, name) {
  await page.screenshot({ path: path.join(SHOTS, `${String(step).padStart(2, '0')}-${name}.png`), fullPage: true });
}

try {
  // A phone-sized window and a Japanese browser: the page must choose Japanese from Accept-Language.
  const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 412, height: 915 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // A refused refresh before login is expected; anything else red in the console (a CSP violation, a script
    // error) is a defect.
    if (message.type() === 'error' && !/401|Unauthorized/.test(message.text())) problems.push(`console: ${message.text()}`);
  });

  await check('the top page offers a Japanese login form', async () => {
    await page.goto(`${BASE}/`);
    assert.equal(await page.getAttribute('html', 'lang'), 'ja');
    await page.getByRole('heading', { name: 'Bluesky アカウントでログイン' }).waitFor();
    await shot(page, 'top');
  });

  await check('logging in with an app password opens the account\'s archive', async () => {
    await page.getByLabel('ハンドルまたはメールアドレス').fill(HANDLE);
    await page.getByLabel('アプリパスワード').fill(PASSWORD);
    await page.getByRole('button', { name: 'ログイン' }).click();
    await page.waitForURL(`${BASE}/${HANDLE}`);
    // The first sync starts with the login; the page follows it and shows the archive when it is done.
    await page.locator('.sync').waitFor();
    await shot(page, 'collecting');
    await page.locator('.profile h1', { hasText: 'Alice テスト' }).waitFor({ timeout: 90_000 });
    await page.locator('.sync[data-state="done"]').waitFor();
    await page.locator('.timeline .post').first().waitFor();
    assert.ok(await page.locator('.timeline .post').count() >= 10, 'the timeline shows the archived posts');
    await page.locator('.chart.calendar canvas').waitFor();
    await shot(page, 'archive');
  });

  await check('posts are rendered safely: hashtags and links as links, images with their alt text', async () => {
    const tag = page.locator('.post a.tag', { hasText: '#日本語' }).first();
    assert.equal(await tag.getAttribute('href'), `/${HANDLE}?hashtag=${encodeURIComponent('日本語')}`);
    const link = page.locator('.post a[href="https://atproto.com/specs/lexicon"]').first();
    assert.equal(await link.getAttribute('rel'), 'nofollow noopener noreferrer ugc');
    assert.ok(await page.locator('.post img[alt="red square"]').count() >= 1, 'an image keeps its alt text');
    assert.ok(await page.locator('.post.kind-reply').count() >= 1, 'replies are marked as such');
    assert.ok(await page.locator('.post.kind-quote').count() >= 1, 'quotes are marked as such');
  });

  await check('a Japanese search finds exactly the posts with the word (3 characters: trigram index)', async () => {
    await page.getByRole('searchbox').fill('日本語');
    await page.getByRole('button', { name: '検索', exact: true }).click();
    await page.waitForURL(/\?q=/);
    await page.locator('.timeline .post').first().waitFor();
    const texts = await page.locator('.timeline .post .text').allTextContents();
    assert.equal(texts.length, 3, `three posts contain 日本語: ${JSON.stringify(texts)}`);
    for (const text of texts) assert.ok(text.includes('日本語'), text);
    await shot(page, 'search-3-chars');
  });

  await check('a two-character Japanese search works too (substring scan)', async () => {
    await page.getByRole('searchbox').fill('世界');
    await page.getByRole('button', { name: '検索', exact: true }).click();
    await page.waitForURL(/q=%E4%B8%96%E7%95%8C/);
    await page.locator('.timeline .post').first().waitFor();
    const texts = await page.locator('.timeline .post .text').allTextContents();
    assert.deepEqual(texts, ['こんにちは、世界！これは日本語の投稿です。']);
    await shot(page, 'search-2-chars');
  });

  await check('a post\'s date opens its day', async () => {
    await page.locator('.timeline .post .actions a').first().click();
    await page.waitForURL(/\/day\/\d{4}-\d{2}-\d{2}$/);
    await page.locator('main h1').waitFor();
    await page.locator('.timeline .post').first().waitFor();
    assert.ok(await page.getByRole('link', { name: '← 前の日' }).isVisible());
    await shot(page, 'day');
  });

  await check('the statistics page draws its charts', async () => {
    await page.getByRole('link', { name: '統計' }).first().click();
    await page.waitForURL(`${BASE}/${HANDLE}/stats`);
    await page.locator('.chart.daily canvas').waitFor();
    await page.locator('.chart.heatmap canvas').waitFor();
    // What ECharts was given to draw: every archived post is on some day and at some weekday and hour.
    const plotted = await page.evaluate(() => {
      const option = (selector) => window.echarts.getInstanceByDom(document.querySelector(selector)).getOption();
      const sum = (series) => series.data.reduce((a, b) => a + b, 0);
      const [posts, replies, quotes, reposts] = option('.chart.daily').series.map(sum);
      const heatmap = option('.chart.heatmap').series[0].data.reduce((a, cell) => a + cell[2], 0);
      return { posts, replies, quotes, reposts, heatmap };
    });
    assert.ok(plotted.posts > 0 && plotted.replies > 0 && plotted.quotes > 0 && plotted.reposts > 0,
      `the daily chart plots every kind: ${JSON.stringify(plotted)}`);
    // The heatmap shows when the account wrote: its own posts, replies and quotes.
    assert.equal(plotted.heatmap, plotted.posts + plotted.replies + plotted.quotes, JSON.stringify(plotted));
    assert.match(await page.locator('.figures').first().textContent(), /投稿/);
    await shot(page, 'stats');
  });

  await check('the owner sees what they liked', async () => {
    await page.getByRole('link', { name: 'いいね' }).first().click();
    await page.waitForURL(`${BASE}/${HANDLE}/likes`);
    await page.locator('.timeline .post').first().waitFor();
    assert.ok(await page.locator('.timeline .post').count() >= 1);
    await shot(page, 'likes');
  });

  await check('settings show privacy, time zone, export and what is being collected', async () => {
    await page.getByRole('link', { name: '設定' }).click();
    await page.waitForURL(`${BASE}/settings`);
    await page.locator('.sync-status').waitFor();
    assert.ok(await page.locator('input[name="visibility"][value="PUBLIC"]').isChecked());
    assert.equal(await page.locator('input[name="timeZone"]').inputValue(), 'UTC');
    assert.ok(await page.getByRole('button', { name: 'CSV をダウンロード' }).isVisible());
    await shot(page, 'settings');
    await page.goto(`${BASE}/${HANDLE}/stats`);
    await page.locator('.chart.daily canvas').waitFor();
  });

  await check('the language can be switched to English', async () => {
    await page.locator('#lang').click();
    await page.getByRole('heading', { name: /Statistics of @/ }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    await shot(page, 'stats-english');
  });

  await check('logging out ends the session, also after a reload', async () => {
    await page.locator('#logout').click();
    await page.waitForURL(`${BASE}/`);
    await page.getByRole('heading', { name: 'Log in with your Bluesky account' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Log in with your Bluesky account' }).waitFor();
    assert.equal(await page.locator('#logout').count(), 0);
    await shot(page, 'logged-out');
  });

  await check('the browser reported no script error and no blocked resource', async () => {
    assert.deepEqual(problems, []);
  });
} finally {
  fs.writeFileSync(path.join(SHOTS, 'results.json'), JSON.stringify({ steps, problems }, null, 2));
  await browser.close();
}
