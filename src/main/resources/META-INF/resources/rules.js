// The rule authors' view: the catalogue (GET /api/v1/ruleset) beside what each rule did in real decisions
// (GET /api/v1/ruleset/statistics). It only shows what the service says.
'use strict';

const VERDICT_COLOURS = {
  SUITABLE: '#2e7d32', CAUTION: '#b7950b', CLEARANCE_REQUIRED: '#1f5fa8', URGENT_REFERRAL: '#b45309', EMERGENCY: '#a00000',
};

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
  children.flat().filter((c) => c !== null && c !== undefined).forEach((c) => node.append(c));
  return node;
}

function svg(tag, attrs) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  Object.entries(attrs).forEach(([k, v]) => node.setAttribute(k, v));
  return node;
}

async function json(url) {
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.json();
}

async function showCatalogue() {
  const c = await json('api/v1/ruleset');
  document.getElementById('serving').textContent = `Version ${c.version}, loaded ${c.loadedAt}; ${c.rules.length} rules`
    + (c.lastReload ? `; last reload ${c.lastReload.status.toLowerCase()}` : '') + '.';
  const rejected = c.lastReload && c.lastReload.status === 'REJECTED';
  document.getElementById('last-reload').hidden = !rejected;
  if (rejected) {
    document.getElementById('last-reload-summary').textContent = `The last reload (${c.lastReload.at}) was refused; `
      + `version ${c.version} serves on. What was wrong:`;
    document.getElementById('reload-problems').replaceChildren(...c.lastReload.problems.map((p) => el('li', {},
      `${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}`)));
  }
  document.querySelector('#catalogue tbody').replaceChildren(...c.rules.map((r) => el('tr', {},
    el('td', {}, r.name), el('td', {}, `${r.file}:${r.line}`), el('td', {}, r.source),
    el('td', { class: 'cites' }, r.cites || ''))));
  const coverage = c.guideCoverage;
  document.getElementById('coverage').textContent = coverage.uncited.length
    ? `Warning: ${coverage.uncited.length} of the guide's ${coverage.sections} sections are cited by no rule:`
    : `Every one of the guide's ${coverage.sections} sections is cited by some rule.`;
  document.getElementById('uncited').replaceChildren(...coverage.uncited.map((u) => el('li', {},
    `${u.heading} (guide line ${u.line})`)));
}

function chart(perDay) {
  const days = Object.keys(perDay).sort();
  const box = document.getElementById('chart');
  box.replaceChildren();
  const most = Math.max(1, ...days.map((d) => Object.values(perDay[d]).reduce((a, b) => a + b, 0)));
  const width = Math.max(4, Math.floor(620 / Math.max(1, days.length)) - 2);
  days.forEach((day, i) => {
    let y = 150;
    Object.keys(VERDICT_COLOURS).forEach((verdict) => {
      const n = perDay[day][verdict] || 0;
      if (!n) return;
      const h = Math.round((n / most) * 140);
      y -= h;
      const bar = svg('rect', { x: 10 + i * (width + 2), y, width, height: h, fill: VERDICT_COLOURS[verdict],
        'data-verdict': verdict });
      bar.append(Object.assign(svg('title', {}), { textContent: `${day}: ${n} ${verdict.toLowerCase().replace('_', ' ')}` }));
      box.append(bar);
    });
  });
  document.getElementById('chart-label').textContent = days.length
    ? `${days.length} day(s), ${days[0]} to ${days[days.length - 1]}; colours: `
      + Object.keys(VERDICT_COLOURS).map((v) => v.toLowerCase().replace('_', ' ')).join(', ')
    : 'No decisions in this range.';
}

async function showStatistics() {
  const days = Number(document.getElementById('days').value);
  const from = new Date(Date.now() - days * 86400000).toISOString();
  const s = await json(`api/v1/ruleset/statistics?from=${encodeURIComponent(from)}`);
  document.getElementById('total').textContent = `${s.decisions} decision(s) from ${s.from} to ${s.to}.`;
  chart(s.verdictsPerDay);
  document.querySelector('#per-version tbody').replaceChildren(...Object.entries(s.verdictsPerVersion).map(([v, counts]) =>
    el('tr', {}, el('th', { scope: 'row' }, v),
      el('td', {}, Object.entries(counts).map(([verdict, n]) => `${verdict.toLowerCase().replace('_', ' ')}: ${n}`).join(', ')))));
  const u = s.unattributed;
  document.getElementById('unattributed').textContent = u.cards
    ? `${u.cards} card(s) of decisions kept before the record said which rules decided them (${u.overridden} `
      + 'overridden) are counted against no rule.'
    : '';
  document.querySelector('#statistics tbody').replaceChildren(...s.rules.map((r) => el('tr', { 'data-rule': r.rule },
    el('td', {}, r.rule), el('td', {}, String(r.fired)), el('td', {}, `${Math.round(r.share * 100)}%`),
    el('td', {}, String(r.decided)), el('td', {}, String(r.cards)), el('td', {}, String(r.accepted)),
    el('td', {}, String(r.suggestionsAccepted)),
    el('td', {}, overridden(r)),
    el('td', {}, r.overrideReasons.map((reason) => `${reason.text}: ${reason.count}`).join('; ')))));
}

// An override count leads to its decisions: a few examples' pseudonymised facts here, the decisions themselves for
// those who may read them (auditors).
function overridden(r) {
  if (!r.overridden) return '0';
  return el('details', {}, el('summary', {}, String(r.overridden)),
    el('ul', {}, r.overriddenExamples.map((facts) => el('li', {}, el('code', {}, JSON.stringify(facts))))),
    el('a', { href: r.decisions.overridden.replace(/^\//, '') }, 'The decisions (auditors)'));
}

function problem(e) {
  document.getElementById('serving').textContent = `The service could not be read: ${e.message}`;
}

document.getElementById('days').addEventListener('change', () => showStatistics().catch(problem));
showCatalogue().catch(problem);
showStatistics().catch(problem);
