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
// - axe-core finds no serious or critical violation on any page in the
//   light and navy themes, nor on the pages with figures in every theme
//   (light, rust, coal, navy, ayu);
// - in every theme the figures' bars, bands and lines stand 3:1 or more
//   from the page, and the appendix chart draws each bound over its bar;
// - on a 390 px phone (touch, no hover) every figure's text renders at
//   11 px or more, a figure or table wider than the page says so and takes
//   focus, a timeline's exact times open by tap and by keyboard, and no
//   caption says "hover";
// - printed (print media, A4's width), print.html keeps every table,
//   figure and code block within the page, prints the figures, the
//   measured boxes and the folded times, and a quiz as its questions;
// - no block that the Rust playground cannot run has a Run button;
// - the decision helper moves focus to each new question and announces it;
// - screenshots of each (desktop, phone, every theme, print) go to
//   target/screenshots/, which CI keeps.
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
const AXE = path.join(root, 'tests/browser/node_modules/axe-core/axe.min.js');
const THEMES = ['light', 'rust', 'coal', 'navy', 'ayu'];
// Crates the Rust playground does not have: a block naming one must show
// no Run button. Read from book-tests/build.rs, which enforces the same
// list on the pages' fences, so the two cannot drift apart.
const NOT_ON_PLAYGROUND = (() => {
    const build = fs.readFileSync(path.join(root, 'book-tests/build.rs'), 'utf8');
    const list = build.match(/const NOT_ON_PLAYGROUND: &\[&str\] = &\[([^\]]*)\]/);
    assert.ok(list, 'book-tests/build.rs: no NOT_ON_PLAYGROUND list');
    return [...list[1].matchAll(/"([^"]+)"/g)].map(m => m[1]);
})();
// A4 is 210 mm wide, 794 CSS px; less Chromium's default print margins
// (1 cm a side), 718 px of text.
const A4_TEXT_WIDTH = 718;

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
// A phone: 390 px wide, touch, no hover.
let phoneBrowser;
let phone;
// Every request that left loopback: { url, page }.
const external = [];
// Set once the first test has opened every page.
let everyPageOpened = false;
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
async function open(name, { ctx = context, theme = 'light', waitUntil = 'networkidle', prepare } = {}) {
    const page = await ctx.newPage();
    // Before the page exists: a size, a medium, a script of the test's.
    if (prepare) {
        await prepare(page);
    }
    // mdBook keeps the theme in localStorage, which the pages of a context
    // share, and pages are read side by side: each page keeps a theme of
    // its own, the one it asks for, whatever another page chooses.
    await page.addInitScript(t => {
        let own = t;
        const get = Storage.prototype.getItem;
        const set = Storage.prototype.setItem;
        Storage.prototype.getItem = function (key) {
            return key === 'mdbook-theme' ? own : get.call(this, key);
        };
        Storage.prototype.setItem = function (key, value) {
            if (key === 'mdbook-theme') {
                own = String(value);
            } else {
                set.call(this, key, value);
            }
        };
    }, theme);
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
    await page.goto(`${base}/${name}`, { waitUntil });
    await settled(page);
    return { page, problems };
}

/// Waits until a page is whole. Playwright's `networkidle` is 500 ms with
/// no request in flight, which a busy machine reaches while the page still
/// runs its scripts: axe-core once ran on distributed.html before
/// theme/reading.js had made the sidebar toggle a button (CI, load average
/// over 100). So wait for the load event, which follows the last script,
/// then for the fonts, whose arrival can change what is wider than the
/// page; reading.js rechecks that 50 ms after a size changes.
async function settled(page) {
    await page.waitForFunction(() => document.readyState === 'complete', null, { polling: 100, timeout: 120_000 });
    await page.evaluate(() => document.fonts.ready.then(() => new Promise(r => setTimeout(r, 200))));
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
    phoneBrowser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
    phone = await phoneBrowser.newContext({
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
    });
    await guard(context);
    await guard(phone);
});

// Nothing may leave loopback. A request that tries is recorded, and
// aborted so that it never reaches the network; a playground run is
// answered by a stub.
async function guard(ctx) {
    await ctx.route(
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
}

after(async () => {
    await context?.close();
    await phone?.close();
    await phoneBrowser?.close();
    if (profile) {
        fs.rmSync(profile, { recursive: true, force: true });
    }
    server?.kill('SIGTERM');
});

/// Runs `fn` on every item, `PARALLEL` at a time (pages of one browser
/// context are independent; mdBook keeps no theme in sync between them).
/// Three pages at a time: most of a page's time is spent waiting on the
/// browser, so three are quicker than one even on two cores (tests 8 to 10
/// took 148 s instead of 288 s on our 2-core machine).
const PARALLEL = Number(process.env.BROWSER_TEST_PARALLEL) || 3;
async function inParallel(items, fn) {
    const queue = [...items];
    const worker = async () => {
        while (queue.length > 0) {
            await fn(queue.shift());
        }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
}

test('every page loads with no console error and no failed request', async () => {
    const all = pages();
    assert.ok(all.length >= 5, `pages: ${all}`);
    const problems = [];
    await inParallel(all, async name => {
        const { page, problems: here } = await open(name);
        const title = await page.title();
        assert.ok(title.includes('Concurrency, Measured'), `${name}: title ${title}`);
        // A Run button exactly where the playground can run the block: its
        // program, hidden lines and all, names no crate the playground
        // lacks (as the introduction says).
        const uses = code => NOT_ON_PLAYGROUND.find(c => code.includes(`${c}::`) || code.includes(`use ${c};`));
        for (const code of await page.locator('main pre:has(.play-button) > code').allTextContents()) {
            if (uses(code)) {
                problems.push(`${name}: a Run button on a block that uses ${uses(code)}, which the playground lacks: ${code.trim().split('\n')[0]}`);
            }
        }
        const withoutButton = await page.locator('main pre:not(:has(.play-button)) > code.language-rust').allTextContents();
        for (const code of withoutButton) {
            if (!uses(code)) {
                problems.push(`${name}: no Run button on a block the playground can run: ${code.trim().split('\n')[0]}`);
            }
        }
        problems.push(...here.map(p => `${name}: ${p}`));
        await page.close();
    });
    everyPageOpened = true;
    assert.deepEqual(problems.sort(), []);
});

test('the book makes no request to another host while it is read', async () => {
    // Every page has been opened by now (tests run in order); open them all
    // once more only if this test runs alone.
    if (!everyPageOpened) {
        for (const name of pages()) {
            const { page } = await open(name);
            await page.close();
        }
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
        await settled(page);
        for (const text of p.clicks) {
            assert.equal(await helper.getAttribute('data-state'), 'asking', `${p.choice}: asked before "${text}"`);
            await helper.locator('button.decision-answer', { hasText: text }).click();
            // The keyboard's focus moves to what replaced the pressed
            // button, and the live region says it.
            const { focused, said, shown } = await page.evaluate(() => {
                const h = document.querySelector('.decision-helper');
                const now = h.querySelector('.decision-question, .decision-choice');
                return {
                    focused: document.activeElement === now,
                    said: h.querySelector('[aria-live]')?.textContent ?? '',
                    shown: now?.textContent ?? '',
                };
            });
            assert.ok(focused, `${p.clicks}: after "${text}" the focus is not on the new question`);
            assert.ok(said.includes(shown.trim()), `${p.clicks}: after "${text}" the live region says "${said}", not "${shown}"`);
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
    // The claims' table, the first on the page (the latency claims'
    // percentiles follow it, in tables of their own).
    const tableRows = await page.locator('table').first().locator('tbody tr').count();
    assert.equal(rows, tableRows, 'a bar per row of the table');
    const tips = await chart.locator('rect.measured > title').allTextContents();
    assert.equal(tips.length, rows);
    await chart.scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, -200));
    await page.screenshot({ path: path.join(shots, 'appendix-claims.png') });
    assert.deepEqual(problems, []);
    await page.close();
});

// ---------------------------------------------------------------------
// Reading anywhere: axe-core, every theme, a phone, paper.

/// The pages with a figure: a timeline, the claims chart or an SVG image.
async function figurePages() {
    const found = [];
    for (const name of pages()) {
        if (name === 'print.html') {
            continue;
        }
        const html = fs.readFileSync(path.join(root, 'book', name), 'utf8');
        if (/<figure class="(timeline|claims-chart|latency-chart)"|<img src="[^"]*\.svg"/.test(html)) {
            found.push(name);
        }
    }
    return found;
}

/// Switches the theme as a reader does, with mdBook's own menu (which also
/// swaps the code's highlighting).
async function setTheme(page, theme) {
    // The menu's own buttons, pressed by script: the menu may be open or
    // closed, and mdBook's handler is the menu's.
    await page.locator(`#mdbook-theme-${theme}`).evaluate(b => b.click());
    await page.waitForFunction(t => document.documentElement.classList.contains(t), theme);
}

/// axe-core's serious and critical violations on the page as it is now:
/// every rule, or (`colours`) only the rules a theme can change, for a page
/// whose every rule has passed in another theme.
async function axe(page, { colours = false } = {}) {
    if (!(await page.evaluate(() => 'axe' in window))) {
        await page.addScriptTag({ path: AXE });
    }
    const only = colours ? { runOnly: { type: 'rule', values: ['color-contrast', 'link-in-text-block'] } } : {};
    const violations = await page.evaluate(async o => {
        const r = await window.axe.run(document, { ...o, resultTypes: ['violations'] });
        return r.violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => ({ id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')) }));
    }, only);
    return violations.map(v => `${v.impact} ${v.id} (${v.nodes.length}): ${v.nodes.slice(0, 3).join(', ')}`);
}

test('axe-core: no serious or critical violation on any page, light and navy', async () => {
    // print.html is every page again, in one; its own template is the
    // pages' (it is tested on paper below).
    const problems = [];
    await inParallel(pages().filter(n => n !== 'print.html'), async name => {
        const { page, problems: here } = await open(name);
        problems.push(...here.map(p => `${name}: ${p}`));
        problems.push(...(await axe(page)).map(v => `${name}, light: ${v}`));
        await setTheme(page, 'navy');
        problems.push(...(await axe(page, { colours: true })).map(v => `${name}, navy: ${v}`));
        await page.close();
    });
    assert.deepEqual(problems.sort(), []);
});

/// WCAG's contrast ratio of two CSS colours "rgb(r, g, b)".
function contrastIn(page) {
    return page.evaluate(() => {
        // A colour as [r, g, b, alpha]; null where it is transparent.
        function rgba(c) {
            const m = c.match(/rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?/);
            const alpha = m && m[4] !== undefined ? Number(m[4]) : 1;
            return m && alpha > 0 ? [Number(m[1]), Number(m[2]), Number(m[3]), alpha] : null;
        }
        function rgb(c) {
            const found = rgba(c);
            return found && found.slice(0, 3);
        }
        function lum([r, g, b]) {
            const f = v => {
                v /= 255;
                return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
            };
            return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
        }
        function ratio(a, b) {
            const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
            return (x + 0.05) / (y + 0.05);
        }
        // The colour behind an element: its own background and its
        // ancestors', a translucent one (a measured box's tint) laid over
        // what is behind it.
        function background(el) {
            const layers = [];
            for (let e = el; e; e = e.parentElement) {
                const c = rgba(getComputedStyle(e).backgroundColor);
                if (c) {
                    layers.push(c);
                    if (c[3] >= 1) {
                        break;
                    }
                }
            }
            let [r, g, b] = layers.length > 0 && layers[layers.length - 1][3] >= 1 ? layers.pop() : [255, 255, 255];
            for (const [lr, lg, lb, a] of layers.reverse()) {
                [r, g, b] = [lr * a + r * (1 - a), lg * a + g * (1 - a), lb * a + b * (1 - a)];
            }
            return [r, g, b];
        }
        const low = [];
        const check = (el, what, prop) => {
            const c = rgb(getComputedStyle(el)[prop]);
            if (!c) {
                low.push(`${what}: no ${prop} colour`);
                return;
            }
            const r = ratio(c, background(el.closest('figure') ?? el));
            if (r < 3) {
                low.push(`${what}: ${prop} ${r.toFixed(2)}:1`);
            }
        };
        document.querySelectorAll('figure.timeline').forEach((f, i) => {
            // Every bar's outline, and the fill of the solid ones.
            f.querySelectorAll('rect.span, rect.swatch').forEach(r => {
                check(r, `timeline ${i} ${r.getAttribute('class')}`, 'stroke');
                if (r.matches('.cpu, .polled')) {
                    check(r, `timeline ${i} ${r.getAttribute('class')}`, 'fill');
                }
            });
        });
        // A latency plot's lines, in their sides' colours.
        document.querySelectorAll('figure.latency-chart').forEach((f, i) => {
            f.querySelectorAll('polyline, .legend line').forEach(l => check(l, `latency plot ${i} ${l.closest('[class]')?.getAttribute('class')}`, 'stroke'));
        });
        const chart = document.querySelector('figure.claims-chart');
        const order = [];
        if (chart) {
            chart.querySelectorAll('rect.measured, .legend-measured').forEach(r => check(r, `chart ${r.closest('[data-claim]')?.dataset.claim ?? 'legend'} bar`, 'fill'));
            chart.querySelectorAll('rect.rejected').forEach(r => check(r, `chart ${r.closest('[data-claim]')?.dataset.claim ?? 'legend'} band`, 'stroke'));
            chart.querySelectorAll('line.bound').forEach(r => check(r, `chart ${r.closest('[data-claim]')?.dataset.claim ?? 'legend'} bound`, 'stroke'));
            if (!chart.querySelector('.legend .rejected') || !chart.querySelector('.legend .bound')) {
                low.push('chart: the legend shows no band and bound');
            }
            // The bound over the bar: drawn after it.
            chart.querySelectorAll('g[data-claim]').forEach(g => {
                const kids = [...g.children];
                const bar = kids.findIndex(k => k.matches('rect.measured'));
                const bounds = kids.map((k, j) => (k.matches('line.bound') ? j : -1)).filter(j => j >= 0);
                if (bounds.length === 0 || bounds.some(j => j < bar)) {
                    order.push(g.dataset.claim);
                }
            });
        }
        if (order.length > 0) {
            low.push(`chart: no bound drawn over the bar in ${[...new Set(order)].join(', ')}`);
        }
        return low;
    });
}

test('every theme: figures stand out 3:1, and axe-core finds nothing serious', async () => {
    const figured = await figurePages();
    assert.ok(figured.includes('appendix-claims.html') && figured.length >= 5, `pages with figures: ${figured}`);
    const problems = [];
    await inParallel(figured, async name => {
        const { page, problems: here } = await open(name);
        problems.push(...here.map(p => `${name}: ${p}`));
        for (const theme of THEMES) {
            if (theme !== 'light') {
                await setTheme(page, theme);
            }
            problems.push(...(await contrastIn(page)).map(p => `${name}, ${theme}: ${p}`));
            // light and navy: axe ran on every page above.
            if (theme !== 'light' && theme !== 'navy') {
                problems.push(...(await axe(page, { colours: true })).map(v => `${name}, ${theme}: ${v}`));
            }
            if (name === 'sync-async.html' || name === 'appendix-claims.html') {
                const fig = page.locator('figure.timeline, figure.claims-chart').first();
                await fig.scrollIntoViewIfNeeded();
                await page.evaluate(() => window.scrollBy(0, -60));
                await page.screenshot({ path: path.join(shots, `${theme}-${name.replace('.html', '')}.png`) });
            }
        }
        await page.close();
    });
    assert.deepEqual(problems.sort(), []);
});

test('on a 390 px phone every figure reads, and its times open by tap and keyboard', async () => {
    const figured = await figurePages();
    const problems = [];
    await inParallel(figured, async name => {
        const { page, problems: here } = await open(name, { ctx: phone });
        problems.push(...here.map(p => `${name}: ${p}`));
        assert.ok(await page.evaluate(() => matchMedia('(hover: none)').matches), 'the phone hovers');
        // theme/reading.js marks what scrolls once the page has its width;
        // give it a moment (what it misses is reported below).
        await page
            .waitForFunction(() => [...document.querySelectorAll('figure.timeline, figure.claims-chart, .table-wrapper')]
                .every(el => el.scrollWidth <= el.clientWidth + 1 || el.classList.contains('scrolls')), null, { timeout: 3000 })
            .catch(() => {});
        const found = await page.evaluate(async () => {
            const low = [];
            const shown = el => el && el.checkVisibility() && el.getBoundingClientRect().height > 0;
            // SVG drawn inline: each text's font size, scaled as drawn.
            document.querySelectorAll('figure svg').forEach((svg, i) => {
                const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
                svg.querySelectorAll('text').forEach(t => {
                    const px = parseFloat(getComputedStyle(t).fontSize) * scale;
                    if (px < 11) {
                        low.push(`figure ${i}: "${t.textContent.slice(0, 30)}" at ${px.toFixed(1)} px`);
                    }
                });
            });
            // SVG images: the smallest font size in the file, scaled.
            // (mdBook shows each image twice: on the page, and a zoomed copy,
            // hidden until the image is tapped.)
            for (const img of document.querySelectorAll('main img[src$=".svg"]:not(.img-wrapper > img)')) {
                const doc = new DOMParser().parseFromString(await (await fetch(img.src)).text(), 'image/svg+xml');
                const svg = doc.documentElement;
                const sizes = [svg, ...svg.querySelectorAll('[font-size]')].map(e => parseFloat(e.getAttribute('font-size'))).filter(n => n > 0);
                const px = Math.min(...sizes) * img.getBoundingClientRect().width / svg.viewBox.baseVal.width;
                if (px < 11) {
                    low.push(`${img.getAttribute('src')}: text at ${px.toFixed(1)} px`);
                }
            }
            // Wider than the page: a visible hint above, and keyboard focus.
            const wide = [...document.querySelectorAll('figure.timeline, figure.claims-chart, main p:has(img[src$=".svg"]), .table-wrapper')]
                .filter(el => el.scrollWidth > el.clientWidth + 1);
            for (const el of wide) {
                const what = el.querySelector('figcaption strong, img, th')?.textContent?.slice(0, 40) || el.tagName;
                if (!shown(el.previousElementSibling) || !el.previousElementSibling.matches('.scroll-hint')) {
                    low.push(`"${what}" is wider than the page and no hint says so`);
                }
                if (el.tabIndex < 0) {
                    low.push(`"${what}" scrolls but cannot take focus`);
                }
            }
            document.querySelectorAll('figure figcaption').forEach(c => {
                if (/hover/i.test(c.innerText)) {
                    low.push(`a caption says "hover" on a touch screen: ${c.innerText.slice(0, 80)}`);
                }
            });
            document.querySelectorAll('figure.timeline').forEach((f, i) => {
                const bars = f.querySelectorAll('rect.span').length;
                const rows = f.querySelectorAll('details.figure-times tbody tr:has(td)').length;
                if (bars !== rows) {
                    low.push(`timeline ${i}: ${bars} bars, ${rows} rows of times`);
                }
            });
            return low;
        });
        problems.push(...found.map(p => `${name}: ${p}`));
        // A timeline's times: opened by a tap on its summary, closed and
        // opened again from the keyboard.
        const details = page.locator('figure.timeline details.figure-times');
        if ((await details.count()) > 0) {
            const d = details.first();
            const summary = d.locator('summary');
            await summary.scrollIntoViewIfNeeded();
            await summary.tap();
            assert.ok(await d.evaluate(e => e.open), `${name}: a tap does not open the times`);
            assert.ok(await d.locator('tbody td').first().isVisible(), `${name}: the times do not show`);
            await summary.focus();
            await page.keyboard.press('Enter');
            assert.ok(!(await d.evaluate(e => e.open)), `${name}: Enter does not close the times`);
            await page.keyboard.press('Enter');
            assert.ok(await d.evaluate(e => e.open), `${name}: Enter does not open the times`);
            await page.keyboard.press('Enter');
        }
        if (['sync-async.html', 'appendix-claims.html', 'data-parallel.html', 'gil.html'].includes(name)) {
            const fig = page.locator('figure.timeline, figure.claims-chart, main p:has(img[src$=".svg"])').first();
            await fig.scrollIntoViewIfNeeded();
            await page.evaluate(() => window.scrollBy(0, -90));
            await page.screenshot({ path: path.join(shots, `phone-${name.replace('.html', '')}.png`) });
        }
        await page.close();
    });
    assert.deepEqual(problems.sort(), []);
});

test('on paper (print media, A4) nothing is cut, and figures, boxes and quizzes print', async () => {
    // The page is laid out on paper from its first moment: A4's width,
    // print media. print.html asks for the print dialog once loaded;
    // headless, Chromium then fires `beforeprint` and never `afterprint`,
    // leaving a page half in print, so the call is recorded instead, and
    // the test fires `beforeprint` as a reader's browser does before it
    // lays the pages out.
    const { page, problems } = await open('print.html', {
        waitUntil: 'load',
        prepare: async p => {
            await p.setViewportSize({ width: A4_TEXT_WIDTH, height: 1000 });
            await p.emulateMedia({ media: 'print' });
            await p.addInitScript(() => {
                window.print = () => {
                    window.printAsked = true;
                };
            });
        },
    });
    await page.waitForFunction(() => document.querySelectorAll('.quiz-placeholder .mdbook-quiz').length === document.querySelectorAll('.quiz-placeholder').length, null, { polling: 100, timeout: 120_000 });
    await page.waitForFunction(() => window.printAsked === true, null, { polling: 100, timeout: 10_000 }).catch(() => {});
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    const found = await page.evaluate(() => {
        const low = [];
        if (!window.printAsked) {
            low.push('print.html does not open the print dialog');
        }
        const sidebar = document.getElementById('mdbook-sidebar');
        if (sidebar && sidebar.checkVisibility()) {
            low.push('the sidebar prints');
        }
        const shown = el => el.checkVisibility() && el.getBoundingClientRect().height > 0;
        const right = document.documentElement.clientWidth + 1;
        const cut = el => el.scrollWidth > el.clientWidth + 1 || el.getBoundingClientRect().right > right;
        document.querySelectorAll('main table').forEach((t, i) => {
            if (cut(t) || (t.parentElement.matches('.table-wrapper') && cut(t.parentElement))) {
                const r = t.getBoundingClientRect();
                low.push(`table ${i} (${t.querySelector('th')?.textContent}) is cut at the page's edge: ${r.left.toFixed(0)} to ${r.right.toFixed(0)} px of ${right - 1}, ${t.scrollWidth} px of content in ${t.clientWidth}`);
            }
        });
        document.querySelectorAll('main pre').forEach((p, i) => {
            if (shown(p) && cut(p)) {
                low.push(`code block ${i} is cut: ${p.textContent.trim().split('\n')[0].slice(0, 60)}`);
            }
        });
        const figures = [...document.querySelectorAll('figure svg, main img[src$=".svg"]:not(.img-wrapper > img)')];
        if (figures.length < 10) {
            low.push(`${figures.length} figures`);
        }
        figures.forEach((f, i) => {
            if (!shown(f) || f.getBoundingClientRect().right > right) {
                low.push(`figure ${i} does not print within the page`);
            }
        });
        const boxes = [...document.querySelectorAll('.measured')];
        if (boxes.length === 0 || !boxes.every(shown)) {
            low.push('measured boxes do not print');
        }
        const times = [...document.querySelectorAll('details.figure-times td')];
        if (times.length === 0 || !shown(times[0])) {
            low.push("a timeline's times do not print");
        }
        const quizzes = document.querySelectorAll('.quiz-placeholder').length;
        const printed = [...document.querySelectorAll('.quiz-print')].filter(q => shown(q) && q.querySelectorAll('li').length > 0);
        if (quizzes === 0 || printed.length !== quizzes) {
            low.push(`${quizzes} quizzes, ${printed.length} printed with their questions`);
        }
        if ([...document.querySelectorAll('.mdbook-quiz button, .hover-only, .scroll-hint')].some(shown)) {
            low.push('a Start button, a hint or words for a pointer print');
        }
        return low;
    });
    const appendix = page.locator('#every-claim-measured, h1:has-text("Every claim, measured")').first();
    await appendix.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(shots, 'print-appendix-claims.png') });
    const quiz = page.locator('.quiz-print').first();
    await quiz.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(shots, 'print-quiz.png') });
    await page.close();
    // The appendix as Chromium prints it on A4.
    const { page: one } = await open('appendix-claims.html');
    await one.pdf({ path: path.join(shots, 'appendix-claims.pdf'), format: 'A4', printBackground: true });
    await one.close();
    assert.deepEqual([...problems, ...found], []);
});
