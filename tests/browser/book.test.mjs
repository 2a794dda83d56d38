// The built book in a real browser: Debian's chromium, headless, driven by
// playwright-core, reading the book from `mdbook serve` on loopback.
//
// - every page loads with no console error, no script error and no failed
//   request;
// - the book asks nothing of any other host while it is read; a playground
//   run, which the reader starts by pressing Run, is the one exception, and
//   is answered here by a stub, so nothing leaves the machine;
// - a quiz renders and accepts an answer;
// - the decision helper gives, on every path, the choice that `decide` in
//   listings/choosing/decision_tree.rs gives (tests/browser/decision-paths.json,
//   generated from the listing and checked by tests/chapters/choosing.rs);
// - every bar of every timeline has a tooltip;
// - screenshots of three pages go to target/screenshots/.
//
// Run from the repository root with `node --test tests/browser/` (after
// `npm ci --prefix tests/browser`); `.ci/run` does both.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const shots = path.join(root, 'target', 'screenshots');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

// Flags that keep chromium from reaching for the network on its own
// (component updates, sync, field trials, QUIC probes).
const FLAGS = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
];

let server;
let base;
let context;
let profile;
// Every request that left loopback: { url, page }.
const external = [];
// Playground runs the tests started on purpose, answered by a stub.
const playgroundRuns = [];

function freePort() {
    return new Promise((resolve, reject) => {
        const s = net.createServer();
        s.once('error', reject);
        s.listen(0, '127.0.0.1', () => {
            const { port } = s.address();
            s.close(() => resolve(port));
        });
    });
}

async function waitForServer(url, ms) {
    const deadline = Date.now() + ms;
    let last;
    while (Date.now() < deadline) {
        if (server.exitCode !== null) {
            throw new Error(`mdbook serve exited with status ${server.exitCode}`);
        }
        try {
            const r = await fetch(url);
            if (r.ok) {
                return;
            }
            last = `HTTP ${r.status}`;
        } catch (e) {
            last = e.message;
        }
        await new Promise(r => setTimeout(r, 500));
    }
    throw new Error(`mdbook serve did not answer at ${url} within ${ms / 1000} s (${last})`);
}

function isLoopback(url) {
    const u = new URL(url);
    if (u.protocol === 'data:' || u.protocol === 'blob:' || u.protocol === 'about:') {
        return true;
    }
    return u.hostname === '127.0.0.1' || u.hostname === 'localhost' || u.hostname === '[::1]';
}

/// The pages of the book: every written chapter in src/SUMMARY.md, the
/// first page and the printable whole.
function pages() {
    const summary = fs.readFileSync(path.join(root, 'src', 'SUMMARY.md'), 'utf8');
    const linked = [...summary.matchAll(/\]\(([^)]+)\.md\)/g)].map(m => `${m[1]}.html`);
    return ['index.html', ...linked, 'print.html'];
}

/// Opens a page and fails on a console error, a script error or a failed
/// request of the page's own.
async function open(name) {
    const page = await context.newPage();
    const problems = [];
    page.on('console', m => {
        if (m.type() === 'error') {
            problems.push(`console error: ${m.text()}`);
        }
    });
    page.on('pageerror', e => problems.push(`script error: ${e.message}`));
    page.on('requestfailed', r => {
        // net::ERR_ABORTED is the browser cancelling a request because its
        // page reloaded or left (the decision helper's test reloads the
        // page for every path, and Chromium may drop the favicon's fetch
        // then): not a failure of the book. A missing file answers 404,
        // caught below; a server that is not there fails with another error.
        if (isLoopback(r.url()) && r.failure()?.errorText !== 'net::ERR_ABORTED') {
            problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`);
        }
    });
    page.on('response', r => {
        if (isLoopback(r.url()) && r.status() >= 400) {
            problems.push(`HTTP ${r.status()}: ${r.url()}`);
        }
    });
    page.on('websocket', ws => {
        if (!isLoopback(ws.url().replace(/^ws/, 'http'))) {
            external.push({ url: ws.url(), page: name });
        }
    });
    await page.goto(`${base}/${name}`, { waitUntil: 'networkidle' });
    return { page, problems };
}

before(async () => {
    fs.mkdirSync(shots, { recursive: true });
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    // mdbook serve builds the book first (the quiz preprocessor compiles
    // every Tracing program), then serves it and watches the sources.
    server = spawn('mdbook', ['serve', '--hostname', '127.0.0.1', '--port', String(port)], {
        cwd: root,
        stdio: ['ignore', 'ignore', 'pipe'],
    });
    let log = '';
    server.stderr.on('data', d => {
        log += d;
    });
    try {
        await waitForServer(`${base}/index.html`, 300_000);
    } catch (e) {
        throw new Error(`${e.message}\n${log}`);
    }

    profile = fs.mkdtempSync(path.join(os.tmpdir(), 'concurrency-measured-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM,
        headless: true,
        args: FLAGS,
        viewport: { width: 1280, height: 900 },
    });
    // Nothing may leave loopback. A request that tries is recorded, and
    // aborted so that it never reaches the network; a playground run is
    // answered by a stub.
    await context.route(
        url => !isLoopback(url.toString()),
        route => {
            const url = route.request().url();
            if (url === 'https://play.rust-lang.org/evaluate.json') {
                playgroundRuns.push(url);
                return route.fulfill({ json: { result: 'stub: the playground was not contacted' } });
            }
            external.push({ url, page: route.request().frame()?.url() ?? '?' });
            return route.abort();
        },
    );
});

after(async () => {
    await context?.close();
    if (profile) {
        fs.rmSync(profile, { recursive: true, force: true });
    }
    server?.kill('SIGTERM');
});

test('every page loads with no console error and no failed request', async () => {
    const all = pages();
    assert.ok(all.length >= 5, `pages: ${all}`);
    const problems = [];
    for (const name of all) {
        const { page, problems: here } = await open(name);
        const title = await page.title();
        assert.ok(title.includes('Concurrency, Measured'), `${name}: title ${title}`);
        problems.push(...here.map(p => `${name}: ${p}`));
        await page.close();
    }
    assert.deepEqual(problems, []);
});

test('the book makes no request to another host while it is read', async () => {
    // Every page has been opened by now (tests run in order); open them all
    // once more in case this test runs alone.
    for (const name of pages()) {
        const { page } = await open(name);
        await page.close();
    }
    assert.deepEqual(external, [], 'requests that left loopback');
});

test('the Run button is there without asking the playground, and only pressing it does', async () => {
    const { page, problems } = await open('sync-async.html');
    const blocks = page.locator('pre.playground');
    assert.ok((await blocks.count()) > 0, 'runnable blocks');
    assert.equal(await page.locator('pre.playground .play-button[hidden]').count(), 0, 'hidden Run buttons');
    assert.equal(await page.locator('pre.playground .play-button.hidden').count(), 0, 'hidden Run buttons');
    assert.equal(playgroundRuns.length, 0, 'the playground was asked before anyone pressed Run');
    const first = blocks.first();
    await first.hover();
    await first.locator('.play-button').click();
    await first.locator('.result').filter({ hasText: 'stub:' }).waitFor();
    assert.equal(playgroundRuns.length, 1, 'one press of Run, one playground request');
    assert.deepEqual(problems, []);
    await page.close();
});

test('a quiz renders and accepts an answer', async () => {
    const { page, problems } = await open('sync-async.html');
    const quiz = page.locator('.mdbook-quiz').first();
    await quiz.locator('button.start').click();
    await quiz.locator('.counter', { hasText: 'Question 1 /' }).waitFor();
    // The right answer, from the quiz's own data on the page.
    const data = JSON.parse(await page.locator('.quiz-placeholder').first().getAttribute('data-quiz-questions'));
    const first = data.questions[0];
    assert.equal(first.type, 'MultipleChoice');
    await quiz.locator(`input[type=radio][value="${first.answer.answer.replace(/"/g, '\\"')}"]`).check();
    await quiz.locator('input[type=submit]').click();
    await quiz.locator('.counter', { hasText: 'Question 2 /' }).waitFor();
    assert.deepEqual(problems, []);
    await page.close();
});

test('the decision helper gives the listing\'s answer on every path', async () => {
    const paths = JSON.parse(fs.readFileSync(path.join(root, 'tests/browser/decision-paths.json'), 'utf8'));
    assert.ok(paths.length >= 5, 'paths');
    const { page, problems } = await open('choosing.html');
    const helper = page.locator('.decision-helper');
    assert.equal(await helper.count(), 1);
    const checkedLinks = new Set();
    for (const p of paths) {
        await page.reload({ waitUntil: 'networkidle' });
        for (const text of p.clicks) {
            assert.equal(await helper.getAttribute('data-state'), 'asking', `${p.choice}: asked before "${text}"`);
            await helper.locator('button.decision-answer', { hasText: text }).click();
        }
        assert.equal(await helper.getAttribute('data-state'), 'chosen', `${p.clicks}`);
        assert.equal(await helper.getAttribute('data-choice'), p.choice, `${p.clicks}`);
        assert.equal((await helper.locator('.decision-choice').innerText()).trim(), p.model);
        // Every chapter it links to exists; every chapter it names without
        // a link is not written yet (a draft in the table of contents).
        for (const href of await helper.locator('.decision-chapters a').evaluateAll(as => as.map(a => a.href))) {
            if (!checkedLinks.has(href)) {
                const r = await context.request.get(href);
                assert.equal(r.status(), 200, `${p.choice}: link ${href}`);
                checkedLinks.add(href);
            }
        }
        for (const title of await helper.locator('.decision-chapters em').allInnerTexts()) {
            const links = await page.locator('mdbook-sidebar-scrollbox a, .sidebar a').allInnerTexts();
            assert.ok(!links.some(l => l.replace(/^\s*(\d+\.)+\s*/, '').trim() === title), `${title} is written but not linked`);
        }
    }
    // Changing an earlier answer goes back to that question.
    const [deepest] = paths.filter(p => p.clicks.length === Math.max(...paths.map(q => q.clicks.length)));
    await page.reload({ waitUntil: 'networkidle' });
    for (const text of deepest.clicks) {
        await helper.locator('button.decision-answer', { hasText: text }).click();
    }
    await helper.locator('.decision-trail button').first().click();
    assert.equal(await helper.getAttribute('data-state'), 'asking');
    assert.equal(await helper.getAttribute('data-question'), 'work');
    // The screenshot shows the deepest path answered.
    for (const text of deepest.clicks) {
        await helper.locator('button.decision-answer', { hasText: text }).click();
    }
    await helper.scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, -120));
    await page.screenshot({ path: path.join(shots, 'choosing.png') });
    assert.deepEqual(problems, []);
    await page.close();
});

test('every bar of every timeline has a tooltip with its times', async () => {
    let figures = 0;
    for (const name of ['sync-async.html', 'io-cpu.html']) {
        const { page, problems } = await open(name);
        const found = page.locator('figure.timeline');
        const n = await found.count();
        assert.ok(n >= 1, `${name}: no timeline`);
        figures += n;
        for (let i = 0; i < n; i++) {
            const fig = found.nth(i);
            const box = await fig.locator('svg').boundingBox();
            assert.ok(box && box.width > 300 && box.height > 50, `${name}: figure ${i} is not drawn`);
            const tips = await fig.locator('rect.span').evaluateAll(rs =>
                rs.map(r => r.querySelector(':scope > title')?.textContent ?? ''));
            assert.ok(tips.length > 0, `${name}: figure ${i} has no bars`);
            for (const tip of tips) {
                assert.match(tip, / -> /, `${name}: figure ${i}: tooltip "${tip}"`);
            }
        }
        if (name === 'sync-async.html') {
            await found.first().scrollIntoViewIfNeeded();
            await page.evaluate(() => window.scrollBy(0, -60));
            await page.screenshot({ path: path.join(shots, 'sync-async.png') });
        }
        assert.deepEqual(problems, []);
        await page.close();
    }
    assert.ok(figures >= 3, 'figures');
});

test('the appendix shows the chart of every claim', async () => {
    const { page, problems } = await open('appendix-claims.html');
    const chart = page.locator('figure.claims-chart');
    assert.equal(await chart.count(), 1);
    const rows = await chart.locator('g.check').count();
    const tableRows = await page.locator('table tbody tr').count();
    assert.equal(rows, tableRows, 'a bar per row of the table');
    const tips = await chart.locator('rect.measured > title').allTextContents();
    assert.equal(tips.length, rows);
    await chart.scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, -200));
    await page.screenshot({ path: path.join(shots, 'appendix-claims.png') });
    assert.deepEqual(problems, []);
    await page.close();
});
