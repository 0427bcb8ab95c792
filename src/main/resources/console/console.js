
'use strict';
// The operator's console: reads the API with the function key the page was opened with (?code=),
// sent as the x-functions-key header, and the browser's own cookies (App Service Authentication).
// Everything shown is built with textContent and DOM nodes, never HTML strings: names and messages
// come from Azure and from callers.
(function () {
  const FAST_MS = 2000;   // refresh while a job runs
  const SLOW_MS = 15000;  // refresh while nothing runs: RPO still grows
  const ITEMS_PAGE = 20;
  const JOBS_SHOWN = 15;
  const JOBS_SCANNED = 50; // newest jobs read to find the ones that are not replication cycles
  const RUNNING_PAGES = 4;  // pages of ?state=InProgress followed (a filtered page may be short)
  const SCAN_MS = 60000;    // how often that scan runs
  const SVG = 'http://www.w3.org/2000/svg';
  const key = new URLSearchParams(location.search).get('code');
  const apiBase = location.pathname.replace(/\/console\/?$/, '/');
  const openDetails = new Set();
  let timer = null;
  let loading = false;

  // ---------- small helpers ----------
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    setAttrs(node, attrs);
    append(node, children);
    return node;
  }
  function svg(tag, attrs, ...children) {
    const node = document.createElementNS(SVG, tag);
    setAttrs(node, attrs);
    append(node, children);
    return node;
  }
  function setAttrs(node, attrs) {
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value !== null && value !== undefined && value !== false) {
        node.setAttribute(name, value === true ? '' : String(value));
      }
    }
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
  function lastSegment(resourceId) {
    const parts = String(resourceId || '').split('/');
    return parts[parts.length - 1] || String(resourceId || '');
  }
  function resourceGroup(resourceId) {
    const match = /\/resourceGroups\/([^/]+)/i.exec(String(resourceId || ''));
    return match ? match[1] : '';
  }
  const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
  const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
  const shortFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit',
    minute: '2-digit', second: '2-digit' });
  function when(iso, format) {
    if (!iso) return '–';
    return el('time', { datetime: iso, title: iso }, (format || dateFormat).format(new Date(iso)));
  }
  function causes(list) {
    if (!(list || []).length) return null;
    return el('p', { class: 'causes' }, 'Possible causes: ' + list.map(c => /[.!?]$/.test(c) ? c : c + '.').join(' '));
  }
  function duration(seconds) {
    if (seconds === null || seconds === undefined) return '–';
    let s = Math.max(0, Math.round(seconds));
    const d = Math.floor(s / 86400); s -= d * 86400;
    const h = Math.floor(s / 3600); s -= h * 3600;
    const m = Math.floor(s / 60); s -= m * 60;
    if (d) return d + ' d' + (h ? ' ' + h + ' h' : '');
    if (h) return h + ' h' + (m ? ' ' + m + ' min' : '');
    if (m) return m + ' min' + (s ? ' ' + s + ' s' : '');
    return s + ' s';
  }
  function relative(iso) {
    if (!iso) return '';
    const seconds = (Date.parse(iso) - Date.now()) / 1000;
    return seconds >= 0 ? 'in ' + duration(seconds) : duration(-seconds) + ' ago';
  }
  function bytes(n) {
    if (n === null || n === undefined) return '–';
    const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
    let value = n;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
    return (unit === 0 ? value : value.toFixed(value < 10 ? 2 : 1)) + ' ' + units[unit];
  }
  /** "512 MiB of 2.00 GiB", or "1 of 2 disks" for other units. */
  function doneOfTotal(p) {
    return p.unit === 'bytes' ? bytes(p.done) + ' of ' + bytes(p.total) : p.done + ' of ' + p.total + ' ' + (p.unit || '');
  }
  function badge(value) {
    return el('span', { class: 'badge s-' + value }, value);
  }
  function fact(label, ...value) {
    return el('div', {}, el('dt', {}, label), el('dd', {}, ...value));
  }

  // ---------- the API ----------
  class ApiProblem extends Error {
    constructor(status, message) { super(message); this.status = status; }
  }
  /** GET of an API path relative to /api/, or of a link the API gave (its path and query, on this origin). */
  async function api(path) {
    const headers = { Accept: 'application/json' };
    if (key) headers['x-functions-key'] = key;
    const address = /^https?:/.test(path) ? new URL(path).pathname + new URL(path).search : apiBase + path;
    const response = await fetch(address, { headers, credentials: 'same-origin', cache: 'no-store' });
    if (response.status === 401 || response.status === 403) {
      throw new ApiProblem(response.status, 'The API answered ' + response.status + ': open the console with the '
        + "function key as ?code=<key>, or sign in again if the app uses Microsoft Entra ID.");
    }
    let body = null;
    try { body = await response.json(); } catch (e) { body = null; }
    if (!response.ok) {
      const detail = body && (body.detail || body.title) ? (body.detail || body.title) : response.statusText;
      throw new ApiProblem(response.status, 'GET ' + path + ' answered ' + response.status + ': ' + detail);
    }
    return body;
  }

  // ---------- protected VMs ----------
  function renderItem(item, points, history) {
    const vmName = lastSegment(item.vmId);
    const health = item.replicationHealth || 'Unknown';
    const newest = item.latestRecoveryPoint;
    const card = el('article', { class: 'card item health-' + health, 'data-item-id': item.id, 'data-vm-id': item.vmId,
      'aria-labelledby': 'item-' + item.id },
      el('h3', { id: 'item-' + item.id }, vmName, el('span', { class: 'sub' }, resourceGroup(item.vmId)),
        el('span', { class: 'health', 'data-health': health }, badge(health))),
      el('p', { class: 'vm-id' }, item.vmId),
      el('dl', { class: 'facts' },
        fact('RPO now', el('span', { class: 'big rpo-now', 'data-rpo-seconds': item.rpoInSeconds }, duration(item.rpoInSeconds))),
        fact('Newest recovery point', newest ? [when(newest.time), el('br'), newest.type + ', ' + newest.consistency + capturedBy(newest)] : 'none yet'),
        fact('Recovery points', el('span', { class: 'rp-count' }, String(item.recoveryPointCount))),
        fact('Protection', item.protectionState + ', running in ' + item.activeLocation + ' (primary: ' + item.primaryRegion + ')'),
        fact('Allowed operations', el('span', { class: 'allowed' },
          (item.allowedOperations || []).length ? item.allowedOperations.join(', ') : 'none now')),
        fact('Next replication cycle', item.nextCycleTime ? [when(item.nextCycleTime), ' (' + relative(item.nextCycleTime) + ')'] : '–')));
    if ((item.healthErrors || []).length) {
      card.append(el('ul', { class: 'errors', 'aria-label': 'Health errors' }, item.healthErrors.map(healthError)));
    }
    card.append(el('div', { class: 'charts' }, rpoChart(history, item), recoveryPointTimeline(points)));
    return card;
  }

  function healthError(error) {
    return el('li', { class: 'health-error', 'data-code': error.code },
      el('strong', { class: 's-' + error.severity }, error.severity + ' · ' + error.code), ': ', error.message,
      error.since ? [' (since ', when(error.since), ')'] : null,
      causes(error.possibleCauses),
      el('p', { class: 'action' }, el('strong', {}, 'Recommended action: '), error.recommendedAction || '–'));
  }

  const W = 640, H = 190, LEFT = 64, RIGHT = 14, TOP = 12, BOTTOM = 26;

  function rpoChart(history, item) {
    const samples = (history.value || []).filter(s => s.rpoSeconds !== null && s.rpoSeconds !== undefined);
    const caption = 'RPO after each replication cycle (' + samples.length + ' recorded, up to ' + history.maxSamples + ')';
    if (!samples.length) {
      return el('figure', { class: 'rpo-chart' }, el('figcaption', {}, caption),
        el('p', { class: 'empty' }, 'No cycle has recorded an RPO yet' + (item.nextCycleTime
          ? '; the next cycle is due ' + relative(item.nextCycleTime) + '.' : '.')));
    }
    const last = samples[samples.length - 1];
    const nowAt = item.lastRpoCalculatedTime ? Date.parse(item.lastRpoCalculatedTime) : null;
    const hasNow = nowAt !== null && item.rpoInSeconds !== null && item.rpoInSeconds !== undefined
      && nowAt > Date.parse(last.time);
    const t0 = Date.parse(samples[0].time);
    const t1 = Math.max(hasNow ? nowAt : Date.parse(last.time), t0 + 60000);
    const maxRpo = Math.max(...samples.map(s => s.rpoSeconds), hasNow ? item.rpoInSeconds : 0, 60);
    const showWarning = history.rpoWarningSeconds <= maxRpo * 1.5;
    const showCritical = history.rpoCriticalSeconds <= maxRpo * 1.5;
    const yMax = Math.max(maxRpo, showWarning ? history.rpoWarningSeconds : 0, showCritical ? history.rpoCriticalSeconds : 0) * 1.1;
    const x = t => LEFT + (W - LEFT - RIGHT) * (t - t0) / (t1 - t0);
    const y = v => TOP + (H - TOP - BOTTOM) * (1 - v / yMax);
    const lowest = Math.min(...samples.map(s => s.rpoSeconds));
    const chart = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, role: 'img',
      'aria-label': caption + ': lowest ' + duration(lowest) + ', highest ' + duration(maxRpo) + ', latest '
        + duration(samples[samples.length - 1].rpoSeconds) + '.' });
    for (const fraction of [0, 0.5, 1]) {
      const value = yMax * fraction;
      chart.append(svg('line', { class: fraction ? 'grid' : 'axis', x1: LEFT, x2: W - RIGHT, y1: y(value), y2: y(value) }),
        svg('text', { class: 'label', x: LEFT - 6, y: y(value) + 4, 'text-anchor': 'end' }, duration(value)));
    }
    chart.append(svg('line', { class: 'axis', x1: LEFT, x2: LEFT, y1: TOP, y2: H - BOTTOM }));
    if (showWarning) chart.append(threshold('warning', y(history.rpoWarningSeconds), 'Warning'));
    if (showCritical) chart.append(threshold('critical', y(history.rpoCriticalSeconds), 'Critical'));
    chart.append(svg('polyline', { class: 'rpo-line',
      points: samples.map(s => x(Date.parse(s.time)).toFixed(1) + ',' + y(s.rpoSeconds).toFixed(1)).join(' ') }));
    for (const s of samples) {
      chart.append(svg('circle', { class: 'rpo-sample' + (s.recoveryPointTaken ? '' : ' early'), r: 3.5,
        cx: x(Date.parse(s.time)).toFixed(1), cy: y(s.rpoSeconds).toFixed(1) },
        svg('title', {}, 'Cycle ' + s.cycle + ', ' + dateFormat.format(new Date(s.time)) + ': RPO ' + duration(s.rpoSeconds)
          + (s.recoveryPointTaken ? '' : ' (the cycle ended early, no recovery point)'))));
    }
    if (hasNow) {
      chart.append(svg('line', { class: 'now', x1: x(Date.parse(last.time)).toFixed(1), y1: y(last.rpoSeconds).toFixed(1),
        x2: x(nowAt).toFixed(1), y2: y(item.rpoInSeconds).toFixed(1) }),
        svg('circle', { class: 'rpo-now-point', r: 3.5, cx: x(nowAt).toFixed(1), cy: y(item.rpoInSeconds).toFixed(1) },
          svg('title', {}, 'Now: RPO ' + duration(item.rpoInSeconds))));
    }
    chart.append(timeLabels(t0, t1));
    const notes = [];
    if (!showWarning) notes.push('Warning above ' + duration(history.rpoWarningSeconds));
    if (!showCritical) notes.push('Critical above ' + duration(history.rpoCriticalSeconds));
    return el('figure', { class: 'rpo-chart' }, el('figcaption', {}, caption), chart,
      el('p', { class: 'legend' }, 'Dots: the RPO each cycle left; grey: now, growing until the next cycle; hollow red: a cycle that ended early. '
        + (notes.length ? notes.join(', ') + ' (off the chart).' : 'Dashed lines: health thresholds.')));
  }

  function threshold(kind, lineY, label) {
    return svg('g', {}, svg('line', { class: 'threshold-' + kind, x1: LEFT, x2: W - RIGHT, y1: lineY, y2: lineY }),
      svg('text', { class: 'label', x: W - RIGHT - 2, y: lineY - 4, 'text-anchor': 'end' }, label));
  }

  function timeLabels(t0, t1) {
    return svg('g', {},
      svg('text', { class: 'label', x: LEFT, y: H - 8, 'text-anchor': 'start' }, timeFormat.format(new Date(t0))),
      svg('text', { class: 'label', x: W - RIGHT, y: H - 8, 'text-anchor': 'end' }, timeFormat.format(new Date(t1))));
  }

  function recoveryPointTimeline(points) {
    const all = (points.value || []).slice().sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
    const crash = all.filter(p => p.type !== 'ApplicationConsistent');
    const app = all.filter(p => p.type === 'ApplicationConsistent');
    const caption = 'Recovery points: ' + crash.length + ' crash-consistent, ' + app.length + ' application-consistent';
    if (!all.length) {
      return el('figure', { class: 'rp-timeline' }, el('figcaption', {}, caption), el('p', { class: 'empty' }, 'None yet.'));
    }
    const h = 120;
    const t0 = Date.parse(all[0].time);
    const t1 = Math.max(Date.now(), Date.parse(all[all.length - 1].time), t0 + 60000);
    const x = t => LEFT + (W - LEFT - RIGHT) * (t - t0) / (t1 - t0);
    const appY = 30, crashY = 70;
    const chart = svg('svg', { viewBox: '0 0 ' + W + ' ' + h, role: 'img',
      'aria-label': caption + ', from ' + dateFormat.format(new Date(t0)) + ' to '
        + dateFormat.format(new Date(Date.parse(all[all.length - 1].time))) + '.' },
      svg('text', { class: 'label', x: LEFT - 6, y: appY + 4, 'text-anchor': 'end' }, 'App'),
      svg('text', { class: 'label', x: LEFT - 6, y: crashY + 4, 'text-anchor': 'end' }, 'Crash'),
      svg('line', { class: 'grid', x1: LEFT, x2: W - RIGHT, y1: appY, y2: appY }),
      svg('line', { class: 'grid', x1: LEFT, x2: W - RIGHT, y1: crashY, y2: crashY }),
      svg('line', { class: 'axis', x1: LEFT, x2: W - RIGHT, y1: h - 28, y2: h - 28 }),
      svg('line', { class: 'now', x1: x(t1), x2: x(t1), y1: 14, y2: h - 28 }));
    for (const p of all) {
      const px = x(Date.parse(p.time));
      const title = svg('title', {}, dateFormat.format(new Date(p.time)) + ': ' + p.type + ', ' + p.consistency
        + capturedBy(p) + ', ' + (p.disks || []).length + ' disk(s)');
      chart.append(p.type !== 'CrashConsistent'
        ? svg('path', { class: 'rp-app', d: 'M' + px + ' ' + (appY - 7) + ' l7 7 l-7 7 l-7 -7 z', 'data-time': p.time }, title)
        : svg('circle', { class: 'rp-crash', cx: px.toFixed(1), cy: crashY, r: 5, 'data-time': p.time }, title));
    }
    chart.append(svg('g', {},
      svg('text', { class: 'label', x: LEFT, y: h - 10, 'text-anchor': 'start' }, timeFormat.format(new Date(t0))),
      svg('text', { class: 'label', x: W - RIGHT, y: h - 10, 'text-anchor': 'end' }, 'now ' + timeFormat.format(new Date(t1)))));
    const listId = 'rp-list-' + (all[0].id || '');
    return el('figure', { class: 'rp-timeline' }, el('figcaption', {}, caption), chart,
      el('p', { class: 'legend' }, el('span', { class: 'key-crash' }, '● crash-consistent'), ' (lower row), ',
        el('span', { class: 'key-app' }, '◆ application-consistent'), ' (upper row); the dashed line is now.'),
      remembered(el('details', { 'data-key': listId }, el('summary', {}, 'List the ' + all.length + ' recovery points'),
        el('table', {}, el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Captured'), el('th', { scope: 'col' }, 'Type'),
          el('th', { scope: 'col' }, 'Consistency'), el('th', { scope: 'col' }, 'Captured by'),
          el('th', { scope: 'col' }, 'Disks'))),
        el('tbody', {}, all.slice().reverse().map(p => el('tr', {}, el('td', {}, when(p.time)), el('td', {}, p.type),
          el('td', {}, p.consistency), el('td', {}, CAPTURES[p.capture] || '—'),
          el('td', { class: 'num' }, String((p.disks || []).length)))))))));
  }

  /** What captured a recovery point's source disks, as a person reads it. */
  const CAPTURES = {
    DiskSnapshots: 'per-disk snapshots',
    CrashConsistentRestorePoint: 'VM restore point',
    ApplicationConsistentRestorePoint: 'VM restore point (application-consistent asked)'
  };

  function capturedBy(p) {
    return CAPTURES[p.capture] ? ' (' + CAPTURES[p.capture] + ')' : '';
  }

  /** Keeps a <details> open across refreshes. */
  function remembered(details) {
    const id = details.getAttribute('data-key');
    if (openDetails.has(id)) details.open = true;
    details.addEventListener('toggle', () => details.open ? openDetails.add(id) : openDetails.delete(id));
    return details;
  }

  async function loadItems() {
    const page = await api('protected-items?$top=' + ITEMS_PAGE);
    const items = page.value || [];
    const cards = (await Promise.all(items.map(async item => {
      try {
        const [points, history] = await Promise.all([
          api('protected-items/' + encodeURIComponent(item.id) + '/recovery-points'),
          api('protected-items/' + encodeURIComponent(item.id) + '/rpo-history')]);
        return renderItem(item, points, history);
      } catch (e) {
        if (e instanceof ApiProblem && e.status === 404) return null; // disabled since the list was read
        throw e;
      }
    }))).filter(card => card !== null);
    if (!cards.length) {
      replace('items', el('p', { class: 'empty' }, 'No VM is protected. Reprotect one with POST /api/reprotect.'));
    } else {
      replace('items', cards, page.nextLink ? el('p', { class: 'empty' }, 'Only the first ' + ITEMS_PAGE
        + ' protected VMs are shown; GET /api/protected-items lists them all.') : null);
    }
  }

  // ---------- jobs ----------
  const isCycle = job => job.workflow === 'replication-cycle';

  function currentTask(job) {
    return (job.tasks || []).find(t => t.name === (job.progress || {}).currentTask)
      || (job.tasks || []).find(t => t.state === 'InProgress');
  }

  function renderRunning(job) {
    const percent = (job.progress || {}).percent || 0;
    const task = currentTask(job);
    const p = task && task.progress;
    const card = el('article', { class: 'card job', 'data-job-id': job.id, 'aria-labelledby': 'job-' + job.id },
      el('h3', { id: 'job-' + job.id }, job.workflow + ' · ' + lastSegment(job.vmId), badge(job.state),
        el('span', { class: 'sub' }, 'created ', when(job.createdAt), askedBy(job))),
      el('div', { class: 'progress-line' },
        el('progress', { class: 'job-progress', max: 100, value: percent, 'aria-label': 'Job ' + job.workflow + ' of '
          + lastSegment(job.vmId) + ': ' + percent + '% done' }, percent + '%'),
        el('span', { class: 'pct' }, percent + '%'),
        task ? el('span', { class: 'current' }, 'Now: ' + (task.friendlyName || task.name)) : null),
      p ? el('p', { class: 'task-progress' }, doneOfTotal(p) + ' (' + p.percent + '%)',
        p.estimatedEnd ? [', estimated end ', when(p.estimatedEnd), ' (' + relative(p.estimatedEnd) + ')'] : ', estimating the end…',
        p.detail ? el('br') : null, p.detail || null) : null,
      job.cancelRequested ? el('p', {}, 'Cancel requested: the job stops after the stage in flight.') : null,
      taskTable(job));
    return card;
  }

  function taskTable(job) {
    return el('table', { class: 'tasks' },
      el('caption', { class: 'sub' }, 'Tasks of job ' + job.id),
      el('thead', {}, el('tr', {}, ['Task', 'State', 'Started', 'Ended', 'Attempts', 'Progress']
        .map(h => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, (job.tasks || []).map(t => el('tr', { 'data-task': t.name },
        el('td', {}, t.friendlyName || t.name), el('td', {}, badge(t.state)), el('td', {}, when(t.startTime, shortFormat)),
        el('td', {}, when(t.endTime, shortFormat)), el('td', { class: 'num' }, String(t.attempts || 0)),
        el('td', {}, t.progress ? [el('progress', { max: 100, value: t.progress.percent,
          'aria-label': (t.friendlyName || t.name) + ': ' + t.progress.percent + '%' }),
          ' ' + doneOfTotal(t.progress)] : '')))));
  }

  /** Who asked for the job (principal, or function key; approver under the two-person rule), as text. */
  function askedBy(job) {
    const r = job.requestedBy;
    if (!r) return null;
    const who = r.kind === 'ServiceBus' ? 'intake queue' : r.name;
    return el('span', { class: 'requested-by sub', title: [r.id, r.clientIp, r.userAgent].filter(Boolean).join(' · ') },
      ' · asked by ' + who + (r.approvedBy ? ', approved by ' + r.approvedBy.name : ''));
  }

  function renderRecent(jobs) {
    if (!jobs.length) return el('p', { class: 'empty' }, 'No job has ended yet.');
    return el('table', { class: 'recent' },
      el('thead', {}, el('tr', {}, ['Job', 'VM', 'State', 'Started', 'Ended', 'Took', 'Errors and recommended actions']
        .map(h => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, jobs.map(job => {
        const failed = (job.tasks || []).filter(t => (t.errors || []).length && (t.state === 'Failed' || job.state !== 'Succeeded'));
        return el('tr', { 'data-job-id': job.id, class: 'job-' + job.state },
          el('td', {}, job.workflow, el('br'), el('span', { class: 'vm-id' }, job.id), askedBy(job)),
          el('td', {}, lastSegment(job.vmId), el('br'), el('span', { class: 'vm-id' }, resourceGroup(job.vmId))),
          el('td', {}, badge(job.state)), el('td', {}, when(job.createdAt, shortFormat)),
          el('td', {}, when(job.updatedAt, shortFormat)),
          el('td', { class: 'num' }, duration((Date.parse(job.updatedAt) - Date.parse(job.createdAt)) / 1000)),
          el('td', {}, failed.length ? el('ul', { class: 'errors' }, failed.flatMap(t => t.errors.map(e =>
            el('li', { class: 'job-error', 'data-code': e.code },
              el('strong', { class: 's-Failed' }, e.code), ' in ' + (t.friendlyName || t.name) + ': ', e.message,
              causes(e.possibleCauses),
              el('p', { class: 'action' }, el('strong', {}, 'Recommended action: '), e.recommendedAction || '–')))))
            : (job.state === 'Cancelled' ? 'Cancelled on request' : '')));
      })));
  }

  /** Jobs in progress, however old: the state filter, following nextLink for a few pages. */
  async function inProgressJobs() {
    const found = [];
    let next = 'jobs?state=InProgress&%24top=' + JOBS_SHOWN;
    for (let page = 0; next && page < RUNNING_PAGES && found.length < JOBS_SHOWN; page++) {
      const answer = await api(next);
      found.push(...(answer.value || []));
      next = answer.nextLink;
    }
    return found;
  }

  // Running jobs are followed by id once seen: the newest jobs show those just started, and a scan by
  // state (which reads job records, so not at every refresh) finds older ones that still run.
  const followed = new Map();
  let lastScan = 0;

  async function runningJobs(newest) {
    newest.filter(j => j.state === 'InProgress' || (j.state === 'NotStarted' && !isCycle(j)))
      .forEach(j => followed.set(j.id, j));
    if (Date.now() - lastScan >= SCAN_MS) {
      (await inProgressJobs()).forEach(j => followed.set(j.id, j));
      lastScan = Date.now();
    }
    const fresh = new Map(newest.map(j => [j.id, j]));
    await Promise.all([...followed.keys()].filter(id => !fresh.has(id)).map(async id => {
      try {
        followed.set(id, await api('jobs/' + encodeURIComponent(id)));
      } catch (e) {
        if (e instanceof ApiProblem && e.status === 404) followed.delete(id); else throw e;
      }
    }));
    fresh.forEach((job, id) => { if (followed.has(id)) followed.set(id, job); });
    for (const [id, job] of followed) {
      if (job.state !== 'InProgress' && job.state !== 'NotStarted') followed.delete(id);
    }
    return [...followed.values()].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
  }

  async function loadJobs() {
    const showCycles = document.getElementById('show-cycles').checked;
    const page = await api('jobs?%24top=' + (showCycles ? JOBS_SHOWN * 2 : JOBS_SCANNED));
    const jobs = page.value || [];
    const running = await runningJobs(jobs);
    const ended = jobs.filter(j => j.state !== 'InProgress' && j.state !== 'NotStarted' && (showCycles || !isCycle(j)))
      .slice(0, JOBS_SHOWN);
    replace('running', running.length ? running.map(renderRunning)
      : el('p', { class: 'empty' }, 'No job is running.'));
    replace('recent', renderRecent(ended));
    return running.length > 0;
  }

  // ---------- refresh loop ----------
  async function refresh() {
    if (loading) return;
    loading = true;
    clearTimeout(timer);
    let busy = false;
    try {
      const [, running] = await Promise.all([loadItems(), loadJobs()]);
      busy = running;
      document.getElementById('problem').hidden = true;
      document.getElementById('status').textContent = 'Updated ' + dateFormat.format(new Date()) + '. '
        + (busy ? 'A job is running: refreshing every ' + FAST_MS / 1000 + ' s.'
          : 'Nothing is running: refreshing every ' + SLOW_MS / 1000 + ' s.');
    } catch (e) {
      const problem = document.getElementById('problem');
      problem.textContent = e instanceof ApiProblem ? e.message : 'The API could not be reached: ' + e.message;
      problem.hidden = false;
      document.getElementById('status').textContent = 'Update failed at ' + dateFormat.format(new Date()) + '; retrying.';
    } finally {
      loading = false;
      if (!document.hidden) timer = setTimeout(refresh, busy ? FAST_MS : SLOW_MS);
    }
  }

  document.getElementById('refresh').addEventListener('click', refresh);
  document.getElementById('show-cycles').addEventListener('change', refresh);
  document.addEventListener('visibilitychange', () => {
    if (document.hidden) clearTimeout(timer); else refresh();
  });
  refresh();
})();
