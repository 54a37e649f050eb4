// The physiotherapist's page. It only collects facts and shows the service's answer: every decision, wording and
// plan comes from POST /api/v1/assessments, the same decision path as every other caller.
'use strict';

// The verdicts' words come from the service's one table of them, as the cards' and the answers' do.
const verdictWords = fetch('api/v1/verdicts', { headers: { Accept: 'application/json' } })
  .then((r) => (r.ok ? r.json() : []))
  .then((table) => Object.fromEntries(table.map((w) => [w.verdict, w])))
  .catch(() => ({}));
const FIELD_LABELS = {
  sciaticaType: 'Sciatica type', redFlags: 'Red flags', painScore: 'Pain score', laterality: 'Which leg hurts',
  spinalSurgery: 'Spinal surgery', spinalSurgeryDate: 'Spinal surgery date', medicalClearance: 'Medical clearance',
  largeDiscHerniationWithImpingement: 'Large disc herniation', referredLegPain: 'Referred leg pain',
  sedentaryWork: 'Desk work or travel', age: 'Age',
};

const form = document.getElementById('assessment');
const result = document.getElementById('result');

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => (k === 'class' ? (node.className = v) : node.setAttribute(k, v)));
  children.flat().filter((c) => c !== null && c !== undefined).forEach((c) => node.append(c));
  return node;
}

// Pre-fill from the link (?sciaticaType=...&painScore=5&redFlags=FOOT_DROP), e.g. from a CDS Hooks card.
function prefill() {
  const params = new URLSearchParams(window.location.search);
  const problems = [];
  const setSelect = (name, value) => {
    const select = form.elements[name];
    if ([...select.options].some((o) => o.value === value)) select.value = value;
    else problems.push(`${FIELD_LABELS[name]}: "${value}" is not one of the choices.`);
  };
  for (const [name, value] of params) {
    const control = form.querySelector(`[data-type][name="${CSS.escape(name)}"]`);
    if (name === 'sciaticaType') {
      const radio = form.querySelector(`input[name="sciaticaType"][value="${CSS.escape(value)}"]`);
      if (radio) radio.checked = true;
      else problems.push(`Sciatica type: "${value}" is not a known type; choose one below.`);
    } else if (name === 'redFlags') {
      value.split(',').filter(Boolean).forEach((flag) => {
        const box = form.querySelector(`input[name="redFlags"][value="${CSS.escape(flag)}"]`);
        if (box) box.checked = true;
        else problems.push(`Red flags: "${flag}" is not a known red flag.`);
      });
    } else if (control && control.tagName === 'SELECT') {
      setSelect(name, value);
    } else if (control) {
      control.value = value;
    } else {
      problems.push(`"${name}" in the link is not a field of this form.`);
    }
  }
  const box = document.getElementById('link-problems');
  if (problems.length) {
    box.replaceChildren(el('p', {}, 'The link that opened this page has values this form cannot take:'),
      el('ul', {}, problems.map((p) => el('li', {}, p))));
    box.hidden = false;
  }
}

// Every field but the sciatica type and the red flags is one control with a data-type saying how to send it;
// an empty value is "not asked" and is not sent.
const PARSE = { integer: Number, boolean: (v) => v === 'true', date: String, enum: String };

function request() {
  const body = {
    redFlags: [...form.querySelectorAll('input[name="redFlags"]:checked')].map((b) => b.value),
  };
  if (!document.getElementById('screened').checked) body.redFlagsScreened = false;
  const type = form.querySelector('input[name="sciaticaType"]:checked');
  if (type) body.sciaticaType = type.value;
  form.querySelectorAll('[data-type]').forEach((control) => {
    if (control.value !== '') body[control.name] = PARSE[control.dataset.type](control.value);
  });
  return body;
}

function clearProblems() {
  form.querySelectorAll('.error').forEach((p) => { p.hidden = true; p.textContent = ''; });
  form.querySelectorAll('[aria-invalid]').forEach((c) => c.removeAttribute('aria-invalid'));
  const box = document.getElementById('form-problems');
  box.hidden = true;
  box.replaceChildren();
}

function showProblems(problems) {
  const box = document.getElementById('form-problems');
  const items = problems.map(({ field, message }) => {
    const root = field.split(/[.[]/)[0];
    const text = `${FIELD_LABELS[root] || field} ${message}`;
    const slot = document.getElementById(`${root}-error`);
    if (slot) {
      slot.textContent = text;
      slot.hidden = false;
      const control = document.getElementById(root);
      if (control) control.setAttribute('aria-invalid', 'true');
    }
    return el('li', {}, slot ? el('a', { href: `#${root}` }, text) : text);
  });
  box.replaceChildren(el('h2', {}, 'Please correct:'), el('ul', {}, items));
  box.hidden = false;
  result.hidden = true;
  document.getElementById('print').disabled = true; // nothing to print until there is an answer
  document.getElementById('download-plan').disabled = true;
  box.focus();
}

async function submit(event) {
  event.preventDefault();
  clearProblems();
  let response;
  lastRequest = JSON.stringify(request());
  try {
    response = await fetch('api/v1/assessments', {
      method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CDS-Client': 'page' },
      body: lastRequest,
    });
  } catch (e) {
    showProblems([{ field: 'service', message: 'could not be reached; try again.' }]);
    return;
  }
  const body = await response.json().catch(() => ({}));
  if (response.status === 400 && body.errors) {
    showProblems(body.errors);
  } else if (!response.ok) {
    showProblems([{ field: 'The service', message: `answered ${response.status}: ${body.detail || 'no answer'}` }]);
  } else {
    render(body, document.getElementById('screened').checked, await verdictWords);
  }
}

function section(title, ...content) {
  return el('section', { class: 'part' }, el('h3', {}, title), content);
}

function screenOnly(node) {
  node.classList.add('screen-only');
  return node;
}

function render(a, screened, words) {
  const verdict = words[a.verdict] || { icon: '', heading: a.verdict };
  const parts = [
    el('div', { class: `verdict verdict-${a.verdict}`, 'data-verdict': a.verdict },
      el('h2', { id: 'verdict-heading' }, el('span', { 'aria-hidden': 'true' }, `${verdict.icon} `), verdict.heading),
      screened ? null : el('p', { class: 'not-screened' }, el('strong', {}, 'The red flags were not screened. '),
        'This answer holds only if the screening is negative: ask about every red flag, then check again.'),
      el('p', { class: 'action' }, a.action)),
  ];
  if (a.expectedResponse) {
    const r = a.expectedResponse;
    parts.push(el('p', { class: 'expected' }, el('strong', {}, 'Expected response: '),
      el('span', { class: 'stars', 'aria-label': `${r.stars} of 5 stars` }, '★'.repeat(r.stars) + '☆'.repeat(5 - r.stars)),
      ` ${r.level.toLowerCase()}: ${r.reason}`));
  }
  if (a.positions) {
    parts.push(el('div', { class: 'plan' },
      el('h2', { class: 'print-only' }, 'Your acupressure-mat plan'),
      section('Positions', el('ol', { class: 'positions' }, a.positions.map((p) => el('li', { 'data-position': p.id },
        el('h4', {}, p.name + (p.side ? ` (${{ LEFT: 'left side', RIGHT: 'right side', BILATERAL: 'each side' }[p.side]})` : '')),
        el('p', {}, el('strong', {}, 'Duration: '), p.duration, el('br'), el('strong', {}, 'Target: '), p.targetArea),
        el('ol', { class: 'steps' }, p.steps.map((s) => el('li', {}, s))))))),
      section('Your 6-week protocol', el('table', { class: 'protocol' },
        el('caption', { class: 'visually-hidden' }, 'Week by week: session length, how often, positions and focus'),
        el('thead', {}, el('tr', {}, ['Weeks', 'Session', 'How often', 'Positions', 'Focus'].map((h) => el('th', { scope: 'col' }, h)))),
        el('tbody', {}, a.protocol.map((w) => el('tr', {}, el('th', { scope: 'row' }, w.weeks),
          el('td', {}, w.sessionDuration), el('td', {}, w.frequency), el('td', {}, w.positions), el('td', {}, w.focus)))))),
      section('Choosing a mat', el('ul', {}, a.mat.map((m) => el('li', {}, el('strong', {}, `${m.need}: `), m.guidance,
        el('ul', { class: 'examples' }, m.examples.map((e) => el('li', {}, e))))))),
      section('Alongside the mat', el('ul', {}, a.complementaryCare.map((c) => el('li', {}, el('strong', {}, `${c.treatment}: `), `${c.how} ${c.reason}`)))),
      section('What to expect', el('ul', {}, a.timeline.map((t) => el('li', {}, el('strong', {}, `${t.when}: `), t.expect)))),
      section('When to stop and seek care', el('ul', { class: 'warnings' }, a.warningSigns.map((w) => el('li', {}, el('strong', {}, `${w.sign}: `), w.action))))));
  } else {
    parts.push(el('p', { class: 'no-plan' }, el('strong', {}, 'No mat plan is given. '),
      'This is not a therapy plan: follow the action above.'));
  }
  parts.push(el('details', { class: 'reasons screen-only' }, el('summary', {}, `Why: ${a.reasons.length} rules applied`),
    el('ul', {}, a.reasons.map((r) => el('li', {}, r.text, ' ', el('cite', {}, r.source), el('span', { class: 'rule' }, ` Rule: ${r.rule}`))))));
  if (a.missingData.length) {
    parts.push(screenOnly(section('Not known, so not checked',
      el('ul', { class: 'missing' }, a.missingData.map((m) => el('li', {}, m.reason))))));
  }
  parts.push(el('p', { class: 'version' }, `Rule set ${a.rulesetVersion}, assessed ${a.assessmentDate}.`));
  result.replaceChildren(...parts);
  result.hidden = false;
  document.getElementById('print').disabled = false;
  document.getElementById('download-plan').disabled = !a.positions; // a plan only for suitable and caution
  result.focus();
}

// The plan as the EHR would take it: the same patient asked again as FHIR (a decision of its own, recorded as every
// answer is), its CarePlan saved as a file.
let lastRequest = null;

async function downloadPlan() {
  const response = await fetch('api/v1/assessments', {
    method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/fhir+json', 'X-CDS-Client': 'page' },
    body: lastRequest,
  });
  if (!response.ok) {
    showProblems([{ field: 'The service', message: `answered ${response.status} to the plan's download` }]);
    return;
  }
  const bundle = await response.json();
  const plan = (bundle.entry || []).map((e) => e.resource).find((r) => r.resourceType === 'CarePlan');
  if (!plan) {
    showProblems([{ field: 'The service', message: 'gave no plan to download' }]);
    return;
  }
  const file = document.getElementById('plan-file');
  if (file.href.startsWith('blob:')) URL.revokeObjectURL(file.href);
  file.href = URL.createObjectURL(new Blob([JSON.stringify(plan, null, 2)], { type: 'application/fhir+json' }));
  file.click();
}

/** The service says whether anyone signs in; without sign-in, the page says so plainly. */
async function showSecurityMode() {
  try {
    const response = await fetch('api/v1/session', { headers: { Accept: 'application/json' } });
    if (response.ok && (await response.json()).open) {
      document.getElementById('open-mode').hidden = false;
    }
  } catch (e) {
    // no banner: the page still works, and a signed-in page needs none
  }
}

form.addEventListener('submit', submit);
document.getElementById('print').addEventListener('click', () => window.print());
document.getElementById('download-plan').addEventListener('click', () => downloadPlan().catch(() =>
  showProblems([{ field: 'service', message: 'could not be reached; try again.' }])));
prefill();
showSecurityMode();
