// Reading anywhere: on a phone, by keyboard, with a screen reader, on paper.
// Runs on every page (book.toml, additional-js), after mdBook's book.js.
//
// - Wide things scroll sideways rather than shrink: a timeline or the
//   claims chart is never drawn narrower than 720 px (theme/book.css), so
//   its labels stay at 11 px or more on a phone; tables and code keep their
//   width too. Each one that is wider than the page gets a visible hint
//   above it, takes keyboard focus (tabindex, so arrow keys scroll it), and
//   is a named region for screen readers. Rechecked whenever one of them
//   changes size.
// - mdBook 0.5.4's sidebar toggle is a <label> carrying aria-expanded and
//   aria-label, which ARIA does not allow on a label (axe-core: critical
//   and serious on every page). It gets role="button", which allows both,
//   and can take focus and be pressed with Enter or Space like a button.
//   (A fix of mdBook's template, index.hbs, kept here so that the template
//   stays mdBook's own: see README, "Upgrading mdBook".)
// - A quiz prints as its questions, with their choices, and the answers
//   after them: the quiz itself is a "Start" button, which paper cannot
//   press.
(function readingAnywhere() {
    'use strict';

    // --- Wide things scroll, with a hint, and take focus. ---
    const SCROLLERS = [
        'figure.timeline',
        'figure.claims-chart',
        'figure.latency-chart',
        'main p:has(img[src$=".svg"])',
        '.table-wrapper',
        'pre > code',
    ].join(', ');

    function describe(el) {
        if (el.matches('figure')) {
            const caption = el.querySelector('figcaption strong');
            return `${caption ? caption.textContent.replace(/:$/, '') : 'Figure'}, scrolls sideways`;
        }
        if (el.matches('.table-wrapper')) {
            return 'Table, scrolls sideways';
        }
        if (el.matches('p')) {
            return 'Figure, scrolls sideways';
        }
        return 'Code, scrolls sideways';
    }

    function hintFor(el) {
        // Code blocks say nothing: a code line running past the edge is
        // plain to see. Figures and tables get a hint above them.
        if (el.matches('pre > code')) {
            return null;
        }
        const prev = el.previousElementSibling;
        if (prev && prev.classList.contains('scroll-hint')) {
            return prev;
        }
        const hint = document.createElement('p');
        hint.className = 'scroll-hint';
        hint.setAttribute('aria-hidden', 'true');
        hint.textContent = '\u2194 Wider than the page: swipe or scroll it sideways (or focus it and use the arrow keys).';
        el.before(hint);
        return hint;
    }

    function update() {
        for (const el of document.querySelectorAll(SCROLLERS)) {
            const wide = el.scrollWidth > el.clientWidth + 1;
            const hint = wide ? hintFor(el) : el.previousElementSibling;
            if (wide) {
                el.classList.add('scrolls');
                if (!el.hasAttribute('tabindex')) {
                    el.setAttribute('tabindex', '0');
                    el.dataset.readingTabindex = '';
                }
                if (!el.matches('pre > code, figure')) {
                    el.setAttribute('role', 'region');
                }
                if (!el.hasAttribute('aria-label') || 'readingLabel' in el.dataset) {
                    el.setAttribute('aria-label', describe(el));
                    el.dataset.readingLabel = '';
                }
                if (hint) {
                    hint.hidden = false;
                }
            } else {
                el.classList.remove('scrolls');
                if ('readingTabindex' in el.dataset) {
                    el.removeAttribute('tabindex');
                    delete el.dataset.readingTabindex;
                }
                if (hint && hint.classList.contains('scroll-hint')) {
                    hint.hidden = true;
                }
            }
        }
    }

    // --- mdBook's sidebar toggle: a label acting as a button. ---
    const toggle = document.getElementById('mdbook-sidebar-toggle');
    if (toggle && toggle.tagName === 'LABEL') {
        toggle.setAttribute('role', 'button');
        if (!toggle.hasAttribute('tabindex')) {
            toggle.setAttribute('tabindex', '0');
        }
        toggle.addEventListener('keydown', e => {
            if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                toggle.click();
            }
        });
    }

    // --- Quizzes on paper. ---
    function text(s) {
        return (s || '').trim();
    }

    function printQuiz(placeholder) {
        let data;
        try {
            data = JSON.parse(placeholder.getAttribute('data-quiz-questions'));
        } catch (e) {
            return;
        }
        const qs = data && data.questions;
        if (!Array.isArray(qs) || qs.length === 0) {
            return;
        }
        const box = document.createElement('div');
        box.className = 'quiz-print';
        const head = document.createElement('p');
        head.innerHTML = '<strong>Quiz</strong> (the online book checks your answers; the answers follow the questions)';
        box.append(head);
        const questions = document.createElement('ol');
        const answers = document.createElement('ol');
        for (const q of qs) {
            const li = document.createElement('li');
            const p = q.prompt || {};
            const prompt = document.createElement('p');
            prompt.textContent = text(p.prompt) || (q.type === 'Tracing' ? 'Does this program compile? If it does, what does it print?' : '');
            li.append(prompt);
            if (p.program) {
                const pre = document.createElement('pre');
                pre.textContent = text(p.program);
                li.append(pre);
            }
            let answer = '';
            if (q.type === 'MultipleChoice') {
                const right = [].concat(q.answer.answer);
                const options = right.concat(p.distractors || []).map(text).sort();
                const ul = document.createElement('ul');
                for (const o of options) {
                    const item = document.createElement('li');
                    item.textContent = o;
                    ul.append(item);
                }
                li.append(ul);
                answer = right.map(text).join('; ');
            } else if (q.type === 'Tracing') {
                answer = q.answer.doesCompile ? `It compiles and prints: ${text(q.answer.stdout)}` : 'It does not compile.';
            } else if (q.answer && typeof q.answer.answer === 'string') {
                answer = text(q.answer.answer);
            }
            questions.append(li);
            const a = document.createElement('li');
            a.textContent = answer + (q.context ? ` ${text(q.context)}` : '');
            answers.append(a);
        }
        const answersHead = document.createElement('p');
        answersHead.innerHTML = '<strong>Answers</strong>';
        box.append(questions, answersHead, answers);
        placeholder.after(box);
    }

    document.querySelectorAll('.quiz-placeholder[data-quiz-questions]').forEach(printQuiz);

    // --- Paper: open what is folded, so that it prints. ---
    window.addEventListener('beforeprint', () => {
        for (const d of document.querySelectorAll('main details:not([open])')) {
            d.setAttribute('open', '');
            d.dataset.openedForPrint = '';
        }
    });
    window.addEventListener('afterprint', () => {
        for (const d of document.querySelectorAll('main details[data-opened-for-print]')) {
            d.removeAttribute('open');
            delete d.dataset.openedForPrint;
        }
    });

    // Checked whenever one of them changes size (the page's width, its
    // fonts, a theme, the sidebar), not only when the window does.
    // (A timer, not an animation frame: a page in a background tab gets no
    // frames until it is shown.)
    let pending = 0;
    const later = () => {
        clearTimeout(pending);
        pending = setTimeout(update, 50);
    };
    update();
    window.addEventListener('load', update);
    window.addEventListener('resize', later);
    if ('ResizeObserver' in window) {
        const watch = new ResizeObserver(later);
        document.querySelectorAll(SCROLLERS).forEach(el => watch.observe(el));
    }
})();
