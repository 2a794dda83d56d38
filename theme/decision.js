// The decision helper of "Choosing a model": asks the questions of the
// table in listings/choosing/decision_tree.rs (window.DECISION_TREE, which
// theme/decision-tree.js holds, generated from the listing) and shows where
// the answers lead. It runs on a page that has an element
// <div class="decision-helper"></div>, and does nothing elsewhere.
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

    function render(host, trail) {
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

        host.replaceChildren();
        if (said.length > 0) {
            const steps = el('ol', { class: 'decision-trail' });
            said.forEach((text, i) => {
                const back = el('button', { type: 'button', class: 'decision-back', title: 'Change this answer' }, text);
                back.addEventListener('click', () => render(host, trail.slice(0, i)));
                steps.append(el('li', {}, back));
            });
            host.append(steps);
        }

        if (chosen === null) {
            host.dataset.state = 'asking';
            host.dataset.question = asked.id;
            delete host.dataset.choice;
            const answers = el('div', { class: 'decision-answers', role: 'group', 'aria-label': asked.text });
            asked.answers.forEach((answer, i) => {
                const button = el('button', { type: 'button', class: 'decision-answer' }, answer.text);
                button.addEventListener('click', () => render(host, trail.concat([i])));
                answers.append(button);
            });
            host.append(el('p', { class: 'decision-question' }, asked.text), answers);
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
            again.addEventListener('click', () => render(host, []));
            host.append(
                el('p', { class: 'decision-choice' }, el('strong', {}, chosen.model)),
                el('p', { class: 'decision-why' }, chosen.why),
                read,
                again,
            );
        }
    }

    hosts.forEach(host => {
        host.replaceChildren();
        render(host, []);
    });
})();
