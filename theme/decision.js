// The decision helper of "Choosing a model": asks the questions of the
// table in listings/choosing/decision_tree.rs (window.DECISION_TREE, which
// theme/decision-tree.js holds, generated from the listing) and shows where
// the answers lead. It runs on a page that has an element
// <div class="decision-helper"></div>, and does nothing elsewhere.
//
// After each answer the new question (or the choice) takes the keyboard
// focus, and a polite live region announces it, so that a keyboard or
// screen-reader user is not left on <body> when the old buttons vanish.
//
// Links to chapters are found by title in the book's table of contents, so
// a chapter that is not written yet is named without a link, and gets one
// as soon as it is written.
(function decisionHelper() {
    'use strict';

    const tree = window.DECISION_TREE;
    const hosts = document.querySelectorAll('.decision-helper');
    if (!tree || hosts.length === 0) {
        return;
    }
    const questions = new Map(tree.questions.map(q => [q.id, q]));
    const choices = new Map(tree.choices.map(c => [c.id, c]));

    // "14. Choosing a model" -> "Choosing a model"
    function chapterLink(title) {
        const links = document.querySelectorAll('mdbook-sidebar-scrollbox a, #mdbook-sidebar a, .sidebar a');
        for (const a of links) {
            const text = a.textContent.replace(/^\s*(\d+\.)+\s*/, '').trim();
            if (text === title && a.getAttribute('href')) {
                return a.href;
            }
        }
        return null;
    }

    function el(tag, attrs, ...children) {
        const node = document.createElement(tag);
        for (const [k, v] of Object.entries(attrs || {})) {
            node.setAttribute(k, v);
        }
        for (const c of children) {
            node.append(c);
        }
        return node;
    }

    // The helper's content, and its live region, which stays across renders
    // so that screen readers hear each change.
    function parts(host) {
        let content = host.querySelector(':scope > .decision-content');
        let live = host.querySelector(':scope > .decision-live');
        if (!content) {
            host.replaceChildren();
            content = el('div', { class: 'decision-content' });
            live = el('p', { class: 'decision-live visually-hidden', 'aria-live': 'polite', role: 'status' });
            host.append(content, live);
        }
        return { content, live };
    }

    function render(host, trail, announce) {
        // Follow the trail of answers given so far.
        let asked = questions.get(tree.first);
        let chosen = null;
        const said = [];
        for (const index of trail) {
            const answer = asked.answers[index];
            said.push(answer.text);
            if (answer.ask) {
                asked = questions.get(answer.ask);
            } else {
                chosen = choices.get(answer.use);
            }
        }

        const { content, live } = parts(host);
        content.replaceChildren();
        if (said.length > 0) {
            const steps = el('ol', { class: 'decision-trail' });
            said.forEach((text, i) => {
                const back = el('button', { type: 'button', class: 'decision-back', title: 'Change this answer' }, text);
                back.addEventListener('click', () => render(host, trail.slice(0, i), true));
                steps.append(el('li', {}, back));
            });
            content.append(steps);
        }

        if (chosen === null) {
            host.dataset.state = 'asking';
            host.dataset.question = asked.id;
            delete host.dataset.choice;
            const answers = el('div', { class: 'decision-answers', role: 'group', 'aria-label': asked.text });
            asked.answers.forEach((answer, i) => {
                const button = el('button', { type: 'button', class: 'decision-answer' }, answer.text);
                button.addEventListener('click', () => render(host, trail.concat([i]), true));
                answers.append(button);
            });
            const question = el('p', { class: 'decision-question', tabindex: '-1' }, asked.text);
            content.append(question, answers);
            if (announce) {
                live.textContent = `Question ${said.length + 1}: ${asked.text}`;
                question.focus();
            }
        } else {
            host.dataset.state = 'chosen';
            host.dataset.choice = chosen.id;
            delete host.dataset.question;
            const read = el('p', { class: 'decision-chapters' }, 'Read: ');
            chosen.chapters.forEach((title, i) => {
                if (i > 0) {
                    read.append(', ');
                }
                const href = chapterLink(title);
                read.append(href ? el('a', { href }, title) : el('em', { title: 'Not written yet' }, title));
            });
            const again = el('button', { type: 'button', class: 'decision-restart' }, 'Start over');
            again.addEventListener('click', () => render(host, [], true));
            const choice = el('p', { class: 'decision-choice', tabindex: '-1' }, el('strong', {}, chosen.model));
            content.append(
                choice,
                el('p', { class: 'decision-why' }, chosen.why),
                read,
                again,
            );
            if (announce) {
                live.textContent = `Choice: ${chosen.model}. ${chosen.why}`;
                choice.focus();
            }
        }
    }

    hosts.forEach(host => {
        host.replaceChildren();
        render(host, [], false);
    });
})();
