'use strict';
// The console's recovery plans page: the plans, their running plan jobs (groups, items, actions) and the manual
// actions waiting for a person, with Approve and Refuse buttons. Reads the API with the function key the page
// was opened with (?code=, sent as x-functions-key) and the browser's own cookies. It renders what the records
// hold, defensively: a field it does not find is left out. Everything is built with DOM nodes and textContent.
(function () {
  const FAST_MS = 3000;   // refresh while a plan job runs or a person is awaited
  const SLOW_MS = 15000;
  const JOBS_SCANNED = 50;
  const params = new URLSearchParams(location.search);
  const key = params.get('code');
  const pinnedJobs = params.getAll('job');
  const apiBase = location.pathname.replace(/\/console\/plans\/?$/, '/');
  const comments = new Map();   // what people typed, kept across refreshes
  let timer = null;
  let loading = false;

  // ---------- small helpers ----------
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value !== null && value !== undefined && value !== false) node.setAttribute(name, value === true ? '' : String(value));
    }
    append(node, children);
    return node;
  }
  function append(node, children) {
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
  function replace(id, ...children) {
    const target = document.getElementById(id);
    target.replaceChildren();
    append(target, children);
  }
  function text(value) {
    if (value === null || value === undefined) return '';
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  function lastSegment(id) {
    const parts = String(id || '').split('/');
    return parts[parts.length - 1] || String(id || '');
  }
  const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
  function when(iso) {
    if (!iso) return '–';
    const at = new Date(iso);
    return isNaN(at) ? text(iso) : el('time', { datetime: iso, title: iso }, dateFormat.format(at));
  }
  function relative(iso) {
    const seconds = Math.round((Date.parse(iso) - Date.now()) / 1000);
    if (isNaN(seconds)) return '';
    const abs = Math.abs(seconds);
    const span = abs >= 3600 ? Math.round(abs / 360) / 10 + ' h' : abs >= 60 ? Math.round(abs / 60) + ' min' : abs + ' s';
    return seconds >= 0 ? 'in ' + span : span + ' ago';
  }
  function badge(value) {
    const shown = text(value || 'Unknown');
    return el('span', { class: 'badge s-' + shown.replace(/[^A-Za-z_]/g, '') }, shown);
  }
  function list(value) {
    return Array.isArray(value) ? value : [];
  }

  // ---------- the API ----------
  class ApiProblem extends Error {
    constructor(status, message) { super(message); this.status = status; }
  }
  async function api(path, method, body) {
    const headers = { Accept: 'application/json' };
    if (key) headers['x-functions-key'] = key;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(apiBase + path, { method: method || 'GET', headers, credentials: 'same-origin',
      cache: 'no-store', body: body === undefined ? undefined : JSON.stringify(body) });
    if (response.status === 401 || response.status === 403) {
      let detail = '';
      try { detail = (await response.json()).detail || ''; } catch (e) { detail = ''; }
      throw new ApiProblem(response.status, 'The API answered ' + response.status + (detail ? ': ' + detail
        : ': open the page with the function key as ?code=<key>, or sign in again if the app uses Microsoft Entra ID.'));
    }
    let json = null;
    try { json = await response.json(); } catch (e) { json = null; }
    if (!response.ok) {
      const detail = json && (json.detail || json.title) ? (json.detail || json.title) : response.statusText;
      throw new ApiProblem(response.status, (method || 'GET') + ' ' + path + ' answered ' + response.status + ': ' + detail);
    }
    return json;
  }
  /** A list the API gave: a bare array, or {value: [...]}. */
  function values(answer) {
    return Array.isArray(answer) ? answer : list(answer && (answer.value || answer.plans));
  }

  // ---------- plans ----------
  function itemName(item) {
    if (item === null || typeof item !== 'object') return text(item);
    const id = item.name || item.vmName || item.vmId || item.protectedItemId || item.itemId || item.id;
    return lastSegment(id);
  }
  function actionsLine(label, actions) {
    if (!list(actions).length) return null;
    return el('p', { class: 'actions-line' }, label + ': ',
      list(actions).map((a, i) => [i ? ' · ' : '', text(a.name || a.actionId), a.kind ? ' (' + text(a.kind) + ')' : '']));
  }
  function renderPlan(plan) {
    const groups = list(plan.groups);
    return el('article', { class: 'card plan', 'data-plan-name': text(plan.name) },
      el('h3', {}, text(plan.name), el('span', { class: 'sub' }, groups.length + ' group' + (groups.length === 1 ? '' : 's')
        + ', ' + groups.reduce((n, g) => n + list(g.items).length, 0) + ' items')),
      plan.description ? el('p', {}, text(plan.description)) : null,
      el('ol', { class: 'plan-groups' }, groups.map((g, i) => el('li', { 'data-group': i + 1 },
        el('h4', {}, text(g.name || 'Group ' + (i + 1))),
        actionsLine('Before', g.preActions),
        el('p', { class: 'items' }, 'Items: ', list(g.items).length ? list(g.items).map(itemName).join(', ') : 'none'),
        actionsLine('After', g.postActions)))));
  }

  // ---------- plan jobs ----------
  /** The groups a plan job's record shows: looked for in its outputs, then on the record itself. */
  function groupsOf(job) {
    const seen = [job.outputs, job.outputs && job.outputs.plan, job.outputs && job.outputs.planProgress, job.plan, job];
    for (const place of seen) {
      if (place && Array.isArray(place.groups)) return place.groups;
    }
    return null;
  }
  function isPlanJob(job) {
    return /plan/i.test(text(job.workflow) + ' ' + text(job.operation)) || groupsOf(job) !== null;
  }
  function actionRows(group) {
    const rows = [];
    for (const [phase, actions] of [['before', group.preActions], ['after', group.postActions], ['', group.actions]]) {
      for (const a of list(actions)) rows.push([a.phase || phase, a]);
    }
    return rows;
  }
  function renderJob(job, pending) {
    const groups = groupsOf(job);
    const percent = job.progress && typeof job.progress.percent === 'number' ? job.progress.percent : null;
    const card = el('article', { class: 'card job', 'data-job-id': text(job.id) },
      el('h3', {}, text(job.workflow || 'plan job'), badge(job.state),
        el('span', { class: 'sub' }, (job.outputs && job.outputs.planName) || (job.request && job.request.planName)
          || (job.request && job.request.name) || '')),
      el('p', { class: 'vm-id' }, 'Job ' + text(job.id) + ', started ', when(job.createdAt)),
      percent === null ? null : el('div', { class: 'progress-line' },
        el('progress', { class: 'job-progress', max: 100, value: percent }), el('span', { class: 'pct' }, percent + ' %')));
    if (!groups) {
      card.append(el('table', { class: 'tasks' }, el('thead', {}, el('tr', {}, el('th', {}, 'Task'), el('th', {}, 'State'))),
        el('tbody', {}, list(job.tasks).map(t => el('tr', { 'data-task': text(t.name) },
          el('td', {}, text(t.friendlyName || t.name)), el('td', {}, badge(t.state)))))));
      return card;
    }
    card.append(el('ol', { class: 'plan-groups' }, groups.map((g, i) => {
      const state = text(g.state || g.status || '');
      const items = list(g.items);
      const actions = actionRows(g);
      return el('li', { class: state ? 'g-' + state.replace(/[^A-Za-z_]/g, '') : null, 'data-group': i + 1 },
        el('h4', {}, text(g.name || 'Group ' + (i + 1)), state ? badge(state) : null),
        items.length ? el('table', { class: 'items' },
          el('thead', {}, el('tr', {}, el('th', {}, 'Item'), el('th', {}, 'State'), el('th', {}, 'Job'), el('th', {}, 'Message'))),
          el('tbody', {}, items.map(item => {
            const o = item !== null && typeof item === 'object' ? item : {};
            return el('tr', { 'data-item': itemName(item) }, el('td', {}, itemName(item)),
              el('td', {}, o.state || o.status ? badge(o.state || o.status) : '–'),
              el('td', {}, o.jobId ? el('code', {}, text(o.jobId)) : '–'),
              el('td', {}, text(o.message || (o.error && o.error.message) || '')));
          }))) : null,
        actions.length ? el('table', { class: 'actions' },
          el('thead', {}, el('tr', {}, el('th', {}, 'Action'), el('th', {}, 'When'), el('th', {}, 'Kind'),
            el('th', {}, 'Status'), el('th', {}, 'Deadline'), el('th', {}, 'Message'))),
          el('tbody', {}, actions.map(([phase, a]) => {
            const status = a.status || a.state || (a.run && a.run.status) || 'NOT_STARTED';
            const approval = pending.find(p => (a.approvalId && p.id === a.approvalId)
              || (p.planJobId === job.id && (p.actionId === a.actionId || p.actionName === a.name)));
            return el('tr', { 'data-action': text(a.name || a.actionId) },
              el('td', {}, text(a.name || a.actionId)), el('td', {}, text(phase)), el('td', {}, text(a.kind || '')),
              el('td', {}, badge(status)), el('td', {}, a.deadline ? when(a.deadline) : '–'),
              el('td', {}, text(a.message || ''), approval ? decisionButtons(approval, 'job') : null));
          }))) : null);
    })));
    return card;
  }

  // ---------- manual actions ----------
  function decisionButtons(approval, where) {
    const field = 'comment-' + where + '-' + approval.id;
    const input = el('input', { type: 'text', id: field, maxlength: 1000, placeholder: 'Why (kept in the plan job\'s record)',
      'data-approval-id': approval.id });
    input.value = comments.get(approval.id) || '';
    input.addEventListener('input', () => comments.set(approval.id, input.value));
    const approve = el('button', { type: 'button', class: 'approve' }, 'Approve');
    const refuse = el('button', { type: 'button', class: 'refuse' }, 'Refuse');
    approve.addEventListener('click', () => decide(approval, 'Approve', input.value, [approve, refuse]));
    refuse.addEventListener('click', () => decide(approval, 'Refuse', input.value, [approve, refuse]));
    return el('div', { class: 'decision' }, el('label', { for: field }, 'Comment'), input,
      el('div', { class: 'buttons' }, approve, refuse));
  }
  function renderApproval(a) {
    return el('article', { class: 'approval', 'data-approval-id': text(a.id) },
      el('h3', {}, text(a.actionName || a.actionId), badge(a.state || 'Pending'),
        el('span', { class: 'sub' }, 'plan job ' + text(a.planJobId))),
      el('p', { class: 'instructions' }, text(a.instructions)),
      el('p', { class: 'sub' }, 'Asked ', when(a.requestedAt), '; times out ', when(a.expiresAt), ' (' + relative(a.expiresAt) + ')'),
      decisionButtons(a, 'card'));
  }
  async function decide(approval, decision, comment, buttons) {
    buttons.forEach(b => { b.disabled = true; });
    try {
      await api('recovery-plans/approvals/' + encodeURIComponent(approval.id), 'POST', { decision, comment: comment || null });
      comments.delete(approval.id);
      document.getElementById('status').textContent = (decision === 'Approve' ? 'Approved ' : 'Refused ')
        + text(approval.actionName || approval.actionId) + '.';
      showProblem(null);
    } catch (e) {
      showProblem(e.message);
    }
    refresh();
  }

  // ---------- loading ----------
  function showProblem(message) {
    const box = document.getElementById('problem');
    box.hidden = !message;
    box.textContent = message || '';
  }
  async function planJobs() {
    const ids = new Set(pinnedJobs);
    try {
      const running = values(await api('jobs?state=InProgress&$top=' + JOBS_SCANNED));
      running.filter(isPlanJob).forEach(j => ids.add(j.id));
    } catch (e) {
      if (e.status === 401 || e.status === 403) throw e;
    }
    const jobs = [];
    for (const id of ids) {
      try { jobs.push(await api('jobs/' + encodeURIComponent(id))); } catch (e) { if (e.status !== 404) throw e; }
    }
    return jobs;
  }
  async function load() {
    if (loading) return;
    loading = true;
    try {
      const [plans, approvals, jobs] = await Promise.all([
        api('recovery-plans').then(values).catch(e => { if (e.status === 404) return null; throw e; }),
        api('recovery-plans/approvals').then(values),
        planJobs()]);
      const pending = approvals.filter(a => !a.state || a.state === 'Pending');
      const typing = document.activeElement && document.activeElement.tagName === 'INPUT';
      if (!typing) {
        replace('approvals', pending.length ? pending.map(renderApproval)
          : el('p', { class: 'empty' }, 'No manual action waits for a person.'));
        replace('jobs', jobs.length ? jobs.map(j => renderJob(j, pending))
          : el('p', { class: 'empty' }, 'No plan job is running.'));
        replace('plans', plans === null ? el('p', { class: 'empty' }, 'This app serves no recovery plans API yet.')
          : plans.length ? plans.map(renderPlan) : el('p', { class: 'empty' }, 'No recovery plan yet: PUT /api/recovery-plans/{name}.'));
      }
      showProblem(null);
      document.getElementById('status').textContent = 'Updated ' + dateFormat.format(new Date());
      schedule(pending.length || jobs.some(j => j.state === 'InProgress' || j.state === 'NotStarted') ? FAST_MS : SLOW_MS);
    } catch (e) {
      showProblem(e.message);
      document.getElementById('status').textContent = 'Not updated: see the problem above';
      schedule(SLOW_MS);
    } finally {
      loading = false;
    }
  }
  function schedule(ms) {
    clearTimeout(timer);
    timer = setTimeout(load, ms);
  }
  function refresh() {
    clearTimeout(timer);
    load();
  }
  document.getElementById('refresh').addEventListener('click', refresh);
  load();
})();
