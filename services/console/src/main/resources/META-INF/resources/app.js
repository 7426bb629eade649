// lesionsim console dashboard: plain JS, no build. Talks only to this console's /api with the key the
// user typed (sessionStorage, sent as Authorization: Bearer). Live updates come from GET /api/events,
// read with fetch() + ReadableStream because EventSource cannot send an Authorization header.
'use strict';

(function () {
  const KEY_STORAGE = 'lesionsim.apiKey';
  const $ = (sel, root) => (root || document).querySelector(sel);
  const $$ = (sel, root) => Array.from((root || document).querySelectorAll(sel));

  // What a test (or a curious operator in the devtools) can read: timings and the live events seen.
  const probe = window.lesionsim = {
    galleryRenderedAt: null, // performance.now() when the gallery first rendered after this navigation
    shownScored: {},         // caseId -> Date.now() when the dashboard first showed the case as scored
    events: [],              // the last live events, {type, caseId, jobId, state, receivedAt}
    liveConnected: false,
  };

  const state = {
    key: sessionStorage.getItem(KEY_STORAGE),
    roles: { operator: false, researcher: false },
    route: { view: 'gallery', id: null },
    gallery: { page: 0, size: 24, state: '', diagnosis: '' },
    caseView: { simulationId: null, frameIndex: null, data: null },
    trainingJobId: null,
    prevTopics: null,
    rates: {},
    live: null,
    pipelineTimer: null,
  };

  // ---------- helpers ----------

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') e.className = v;
      else if (k === 'text') e.textContent = v;
      else if (k.startsWith('data-')) e.setAttribute(k, String(v));
      else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined) continue;
      e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  }

  function fmtTime(iso) {
    if (!iso) return '–';
    return String(iso).replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  }

  function fmtNum(x, digits) {
    return x === null || x === undefined ? '–' : Number(x).toFixed(digits === undefined ? 3 : digits);
  }

  function short(id) {
    return id ? String(id).slice(0, 8) : '';
  }

  function debounce(fn, ms) {
    let t = null;
    return (...args) => {
      clearTimeout(t);
      t = setTimeout(() => fn(...args), ms);
    };
  }

  // A presigned URL changes with every answer (its signature carries the time): keep the one already
  // shown for the same object so images do not reload (and flicker) on every refresh.
  const shownUrls = new Map();
  function stableUrl(url) {
    if (!url) return url;
    const object = url.split('?')[0];
    if (!shownUrls.has(object)) shownUrls.set(object, url);
    return shownUrls.get(object);
  }

  function setImg(img, url) {
    const u = stableUrl(url);
    if (!u) {
      img.removeAttribute('src');
      img.hidden = true;
    } else {
      if (img.getAttribute('src') !== u) img.setAttribute('src', u);
      img.hidden = false;
    }
  }

  class ApiError extends Error {
    constructor(status, body) {
      super((body && (body.reason || body.error)) || ('HTTP ' + status));
      this.status = status;
      this.body = body;
    }
  }

  async function api(path, options) {
    const opts = Object.assign({ method: 'GET' }, options || {});
    const headers = { Authorization: 'Bearer ' + state.key, Accept: 'application/json' };
    if (opts.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      opts.body = JSON.stringify(opts.json);
    }
    const r = await fetch(path, { method: opts.method, headers, body: opts.body });
    let body = null;
    const text = await r.text();
    if (text) {
      try { body = JSON.parse(text); } catch (e) { body = { reason: text }; }
    }
    if (r.status === 401 && path !== '/api/cases?size=1') {
      logout('The API key was refused (401): log in again.');
    }
    if (!r.ok) throw new ApiError(r.status, body);
    return body;
  }

  function showError(where, e) {
    const box = $(where);
    if (!box) return;
    box.textContent = e ? String(e.message || e) : '';
    box.hidden = !e;
  }

  // ---------- login, roles ----------

  async function login(key) {
    state.key = key;
    try {
      await api('/api/cases?size=1');
    } catch (e) {
      state.key = null;
      sessionStorage.removeItem(KEY_STORAGE);
      showError('#login-error', e.status === 401 ? 'This key is not valid (401).' : e);
      return false;
    }
    sessionStorage.setItem(KEY_STORAGE, key);
    // What the key may do: the operator and researcher endpoints answer 403 to other roles.
    const probeRole = async (path) => {
      try { await api(path); return true; } catch (e) { return false; }
    };
    const [operator, researcher] = await Promise.all([probeRole('/api/pipeline'), probeRole('/api/training-jobs')]);
    state.roles = { operator, researcher };
    document.body.classList.toggle('role-operator', operator);
    document.body.classList.toggle('role-researcher', researcher);
    const role = operator ? 'operator' : researcher ? 'researcher' : 'ingest (own cases only)';
    document.body.dataset.role = operator ? 'operator' : researcher ? 'researcher' : 'ingest';
    $('#whoami').textContent = 'role: ' + role;
    $('#login-panel').hidden = true;
    $('#nav').hidden = false;
    $('#logout').hidden = false;
    showError('#login-error', null);
    startLive();
    route();
    return true;
  }

  function logout(message) {
    state.key = null;
    sessionStorage.removeItem(KEY_STORAGE);
    stopLive();
    stopPipelinePolling();
    document.body.classList.remove('role-operator', 'role-researcher');
    delete document.body.dataset.role;
    $$('.panel').forEach(p => { p.hidden = true; });
    $('#nav').hidden = true;
    $('#logout').hidden = true;
    $('#whoami').textContent = '';
    $('#login-panel').hidden = false;
    showError('#login-error', message || null);
  }

  // ---------- routing ----------

  function parseRoute() {
    const h = location.hash.replace(/^#\/?/, '');
    const [view, id] = h.split('/');
    if (view === 'case' && id) return { view: 'case', id };
    if (view === 'pipeline') return { view: 'pipeline' };
    if (view === 'training') return { view: 'training' };
    return { view: 'gallery' };
  }

  function route() {
    if (!state.key) return;
    let r = parseRoute();
    if ((r.view === 'pipeline' && !state.roles.operator) || (r.view === 'training' && !state.roles.researcher)) {
      r = { view: 'gallery' };
    }
    if (r.view !== 'case' || r.id !== state.route.id) {
      state.caseView = { simulationId: null, frameIndex: null, data: null };
      shownUrls.clear();
    }
    state.route = r;
    $$('.panel').forEach(p => { p.hidden = p.id !== (r.view === 'case' ? 'case' : r.view); });
    $$('#nav a').forEach(a => a.classList.toggle('active', a.dataset.panel === r.view));
    stopPipelinePolling();
    if (r.view === 'gallery') refreshGallery();
    else if (r.view === 'case') refreshCase();
    else if (r.view === 'pipeline') {
      refreshPipeline();
      state.pipelineTimer = setInterval(refreshPipeline, 5000);
    } else if (r.view === 'training') refreshTraining();
  }

  function stopPipelinePolling() {
    if (state.pipelineTimer) clearInterval(state.pipelineTimer);
    state.pipelineTimer = null;
  }

  // ---------- gallery ----------

  async function refreshGallery() {
    const g = state.gallery;
    const q = new URLSearchParams({ page: g.page, size: g.size });
    if (g.state) q.set('state', g.state);
    if (g.diagnosis) q.set('diagnosis', g.diagnosis);
    let page;
    try {
      page = await api('/api/cases?' + q);
    } catch (e) {
      $('#gallery-list').replaceChildren(el('p', { class: 'error', text: 'cases: ' + e.message }));
      return;
    }
    const list = $('#gallery-list');
    // Cards are kept when their case did not change (no flicker, a card under the pointer stays clickable).
    const existing = new Map($$('.case-card', list).map(a => [a.dataset.caseId, a]));
    const cards = page.items.map(c => {
      const sig = JSON.stringify(c);
      const old = existing.get(c.caseId);
      if (old && old.dataset.sig === sig) return old;
      const card = caseCard(c);
      card.dataset.sig = sig;
      return card;
    });
    list.replaceChildren(...cards);
    if (!page.items.length) list.append(el('p', { class: 'empty', text: 'No case matches.' }));
    const pages = Math.max(1, Math.ceil(page.total / page.size));
    $('#gallery-total').textContent = page.total + (page.total === 1 ? ' case' : ' cases');
    $('#page-info').textContent = 'page ' + (page.page + 1) + ' of ' + pages;
    $('#page-prev').disabled = page.page <= 0;
    $('#page-next').disabled = page.page + 1 >= pages;
    list.dataset.total = page.total;
    list.dataset.page = page.page;
    const now = Date.now();
    for (const c of page.items) {
      if (c.state === 'scored' && !probe.shownScored[c.caseId]) probe.shownScored[c.caseId] = now;
    }
    if (probe.galleryRenderedAt === null) probe.galleryRenderedAt = performance.now();
    loadThumbnails(page.items);
  }

  // The preprocessed image of each card, from the case's detail: fetched after the gallery is shown,
  // a few at a time, once per case (the image of a case never changes once preprocessed).
  const thumbnails = new Map();
  async function loadThumbnails(items) {
    const todo = items.filter(c => !thumbnails.has(c.caseId) && c.state !== 'received');
    items.forEach(c => { if (thumbnails.has(c.caseId)) putThumbnail(c.caseId); });
    const worker = async () => {
      for (let c = todo.shift(); c; c = todo.shift()) {
        try {
          const d = await api('/api/cases/' + encodeURIComponent(c.caseId));
          if (d.links && d.links.preprocessed) {
            thumbnails.set(c.caseId, d.links.preprocessed);
            putThumbnail(c.caseId);
          }
        } catch (e) { /* the card stays without an image */ }
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
  }

  function putThumbnail(caseId) {
    const card = document.querySelector('.case-card[data-case-id="' + caseId + '"]');
    if (!card || card.querySelector('img.thumb')) return;
    card.prepend(el('img', { class: 'thumb', alt: '', loading: 'lazy', src: thumbnails.get(caseId) }));
  }

  function caseCard(c) {
    return el('a', {
      class: 'case-card state-' + c.state, href: '#/case/' + c.caseId,
      'data-case-id': c.caseId, 'data-state': c.state, 'data-diagnosis': c.diagnosis || '',
    },
    el('div', { class: 'card-head' }, el('code', { text: short(c.caseId) }), el('span', { class: 'state', text: c.state })),
    el('div', { class: 'card-body' },
      el('span', { class: 'diagnosis', text: c.diagnosis || 'unlabelled' }),
      ' · ', el('span', { text: c.source || '' }),
      el('br'), el('small', { text: 'received ' + fmtTime(c.received) }),
      el('br'), el('small', { text: (c.simulations || 0) + ' simulation(s)' }),
      c.verdict ? el('span', { class: 'verdict verdict-' + c.verdict, text: c.verdict }) : null,
      c.deadLetter ? el('div', { class: 'error', text: c.deadLetter.worker + ': ' + c.deadLetter.reasonCode }) : null));
  }

  // ---------- case page ----------

  async function refreshCase() {
    const id = state.route.id;
    let c;
    try {
      c = await api('/api/cases/' + encodeURIComponent(id));
    } catch (e) {
      $('#case-id').textContent = id;
      $('#case-state').textContent = e.status === 404 ? 'unknown to this key' : e.message;
      $('#case').dataset.caseId = id;
      $('#case').dataset.state = 'error';
      return;
    }
    if (state.route.view !== 'case' || state.route.id !== id) return;
    state.caseView.data = c;
    const section = $('#case');
    section.dataset.caseId = c.caseId;
    section.dataset.state = c.state;
    $('#case-id').textContent = c.caseId;
    const st = $('#case-state');
    st.textContent = c.state;
    st.className = 'state state-' + c.state;
    const facts = [['diagnosis', c.diagnosis || 'unlabelled'], ['source', c.source], ['received', fmtTime(c.received)],
      ['updated', fmtTime(c.updated)], ['verdict', c.verdict || '–']];
    for (const [k, v] of Object.entries(c.checkpoints || {})) facts.push([k + ' checkpoint', v]);
    if (c.inversion) facts.push(['reconstruction L2', fmtNum(c.inversion.reconstructionL2, 4)]);
    if (c.clinical) facts.push(['clinical', Object.entries(c.clinical).map(([k, v]) => k + ' ' + v).join(', ')]);
    $('#case-facts').replaceChildren(...facts.flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { text: v })]));
    const dl = $('#case-dead-letter');
    dl.hidden = !c.deadLetter;
    dl.textContent = c.deadLetter ? 'dead-lettered by ' + c.deadLetter.worker + ': ' + c.deadLetter.reasonCode + ' — '
      + c.deadLetter.reason : '';
    setImg($('#preprocessed'), c.links && c.links.preprocessed);
    setImg($('#reconstruction'), c.links && c.links.reconstruction);
    renderSimulations(c);
  }

  function renderSimulations(c) {
    const sims = c.simulations || [];
    $('#no-simulation').hidden = sims.length > 0;
    $('#simulation').hidden = sims.length === 0;
    if (!sims.length) return;
    const select = $('#simulation-select');
    select.replaceChildren(...sims.map((s, i) => el('option', {
      value: s.simulationId,
      text: '#' + (i + 1) + ' ' + (s.direction || '?') + ' · ' + s.state + ' · ' + (s.frames || []).length + ' frames'
        + (s.requested ? ' · ' + fmtTime(s.requested) : ''),
    })));
    let chosen = sims.find(s => s.simulationId === state.caseView.simulationId);
    if (!chosen) {
      // the newest simulation that has frames, else the newest
      chosen = [...sims].reverse().find(s => (s.frames || []).length) || sims[sims.length - 1];
      state.caseView.simulationId = chosen.simulationId;
      state.caseView.frameIndex = null;
    }
    select.value = chosen.simulationId;
    renderSimulation(chosen);
  }

  function renderSimulation(s) {
    const box = $('#simulation');
    box.dataset.simulationId = s.simulationId;
    box.dataset.state = s.state;
    const st = $('#simulation-state');
    st.textContent = s.state + (s.stopReason ? ' (' + s.stopReason + ')' : '');
    st.className = 'state state-' + s.state;
    const v = $('#simulation-verdict');
    v.textContent = s.verdict ? 'verdict: ' + s.verdict.status : '';
    v.className = 'verdict' + (s.verdict ? ' verdict-' + s.verdict.status : '');
    const frames = s.frames || [];
    const slider = $('#alpha-slider');
    slider.max = String(Math.max(0, frames.length - 1));
    slider.disabled = frames.length < 2;
    slider.dataset.frames = frames.length;
    let i = state.caseView.frameIndex;
    if (i === null || i >= frames.length) i = 0;
    slider.value = String(i);
    showFrame(i);
    const links = s.links || {};
    const plot = links.plot;
    $('#plot-figure').hidden = !plot;
    if (plot) {
      setImg($('#score-plot'), plot);
      $('#score-plot-link').href = stableUrl(plot);
    }
    const names = { strip: 'strip', animation: 'GIF', table: 'scores CSV', plot: 'plot', scoredStrip: 'scored strip',
      input: 'input', reconstruction: 'reconstruction' };
    const caseLinks = (state.caseView.data && state.caseView.data.links) || {};
    const all = Object.entries(links).map(([k, u]) => el('a', { href: stableUrl(u), target: '_blank', rel: 'noopener',
      'data-link': k, text: names[k] || k }));
    if (caseLinks.latents) all.push(el('a', { href: stableUrl(caseLinks.latents), 'data-link': 'latents', text: 'W+ .npy' }));
    if (caseLinks.original) all.push(el('a', { href: stableUrl(caseLinks.original), target: '_blank', rel: 'noopener',
      'data-link': 'original', text: 'original' }));
    $('#simulation-links').replaceChildren(...all.flatMap((a, k) => k ? [' · ', a] : [a]));
    const failed = (s.verdict && s.verdict.failed) || [];
    const extra = s.deadLetter ? [el('li', { class: 'error', text: 'dead-lettered by ' + s.deadLetter.worker + ': '
      + s.deadLetter.reasonCode + ' — ' + s.deadLetter.reason })] : [];
    $('#simulation-failed').replaceChildren(...extra, ...failed.map(f => el('li', {}, el('code', { text: f.code }), ' ', f.detail || '')));
  }

  function currentSimulation() {
    const c = state.caseView.data;
    return c && (c.simulations || []).find(s => s.simulationId === state.caseView.simulationId);
  }

  function showFrame(i) {
    const s = currentSimulation();
    const frames = (s && s.frames) || [];
    const f = frames[i];
    state.caseView.frameIndex = i;
    const img = $('#frame');
    if (!f) {
      setImg(img, null);
      $('#frame-alpha').textContent = '–';
      $('#frame-pmel').textContent = '–';
      $('#frame-realism').textContent = '–';
      $('#frame-realistic').textContent = '';
      return;
    }
    setImg(img, f.url);
    img.dataset.alpha = f.alpha;
    img.dataset.index = i;
    $('#frame-alpha').textContent = fmtNum(f.alpha, 2);
    $('#frame-pmel').textContent = fmtNum(f.pMel, 3);
    $('#frame-realism').textContent = fmtNum(f.realism, 3);
    $('#frame-realistic').textContent = f.realistic === undefined || f.realistic === null ? ''
      : f.realistic ? 'within the real range' : 'outside the real range';
    $('#frame-realistic').className = f.realistic === false ? 'error' : '';
  }

  async function requestSimulation(ev) {
    ev.preventDefault();
    const out = $('#sim-result');
    const alphas = $('#sim-alphas').value.split(/[\s,;]+/).filter(Boolean).map(Number);
    if (!alphas.length || alphas.some(a => !Number.isFinite(a))) {
      out.textContent = 'α list: comma-separated numbers';
      out.className = 'error';
      return;
    }
    try {
      const r = await api('/api/simulations', { method: 'POST', json: {
        caseId: state.route.id, direction: $('#sim-direction').value.trim() || 'auto',
        layers: $('#sim-layers').value.trim() || 'all', alphas } });
      out.textContent = 'requested ' + r.simulationId;
      out.className = 'ok';
      out.dataset.simulationId = r.simulationId;
      state.caseView.simulationId = r.simulationId;
      state.caseView.frameIndex = null;
    } catch (e) {
      out.textContent = (e.body && e.body.error ? e.body.error + ': ' : '') + e.message;
      out.className = 'error';
    }
  }

  // ---------- pipeline and dead letters ----------

  async function refreshPipeline() {
    let p;
    let dl;
    try {
      [p, dl] = await Promise.all([api('/api/pipeline'), api('/api/dead-letters')]);
    } catch (e) {
      if (e.status === 403) {
        state.roles.operator = false;
        document.body.classList.remove('role-operator');
        location.hash = '#/cases';
        return;
      }
      $('#pipeline-summary').textContent = 'pipeline: ' + e.message;
      return;
    }
    if (state.route.view !== 'pipeline') return;
    $('#pipeline-summary').textContent = p.cases + ' cases · ' + p.deadLetters + ' dead letters · view '
      + (p.viewCaughtUp ? 'caught up' : 'catching up') + ' · ' + fmtTime(p.now);
    $('#workers tbody').replaceChildren(...(p.workers || []).map(w => el('tr', {
      class: 'worker ' + (w.ready ? 'ok' : 'bad'), 'data-worker': w.worker, 'data-up': w.up, 'data-ready': w.ready },
    el('td', { text: w.worker }), el('td', { text: w.up ? 'up' : 'down' }), el('td', { text: w.ready ? 'ready' : 'not ready' }),
    el('td', { class: 'detail', text: w.detail || w.url }))));
    if (!(p.workers || []).length) {
      $('#workers tbody').append(el('tr', {}, el('td', { colspan: 4, text: 'no workers configured (lesionsim.console.workers)' })));
    }
    // Groups that committed nothing (a worker's per-start catalogue readers) have no lag to show.
    const groups = (p.consumerGroups || []).filter(g => (g.partitions || []).length);
    $('#lag tbody').replaceChildren(...groups.map(g => {
      const behind = g.partitions.filter(x => x.lag > 0);
      return el('tr', { class: 'lag' + (g.totalLag > 0 ? ' behind' : ''), 'data-group': g.group, 'data-lag': g.totalLag },
        el('td', { text: g.group }), el('td', { text: g.totalLag }),
        el('td', { class: 'detail', text: behind.length ? behind.map(x => x.topic + '/' + x.partition + ': ' + x.lag).join(', ')
          : 'caught up on ' + g.partitions.length + ' partitions' }));
    }));
    showError('#lag-error', p.lagError ? 'consumer lag: ' + p.lagError : null);
    // Throughput: events per second between this poll and the previous one (the view's counts).
    const t = Date.parse(p.now);
    const counts = {};
    for (const x of p.topics || []) counts[x.topic] = x.events;
    if (state.prevTopics && t > state.prevTopics.t) {
      const dt = (t - state.prevTopics.t) / 1000;
      for (const [topic, n] of Object.entries(counts)) {
        state.rates[topic] = (n - (state.prevTopics.counts[topic] || 0)) / dt;
      }
    }
    if (!state.prevTopics || t - state.prevTopics.t >= 2000) state.prevTopics = { t, counts };
    $('#topics tbody').replaceChildren(...(p.topics || []).map(x => el('tr', {
      class: 'topic', 'data-topic': x.topic, 'data-events': x.events },
    el('td', { text: x.topic }), el('td', { text: x.events }),
    el('td', { text: state.rates[x.topic] === undefined ? '…' : state.rates[x.topic].toFixed(2) }),
    el('td', { text: fmtTime(x.last) }))));
    renderDeadLetters(dl);
  }

  function renderDeadLetters(dl) {
    $('#dead-letter-total').textContent = dl.total ? '(' + dl.total + ')' : '(none)';
    const rows = [];
    for (const [worker, codes] of Object.entries(dl.byWorkerAndReason || {})) {
      for (const [code, n] of Object.entries(codes)) {
        rows.push(el('tr', { class: 'dead-letter-count', 'data-worker': worker, 'data-reason-code': code },
          el('td', { text: worker }), el('td', {}, el('code', { text: code })), el('td', { text: n })));
      }
    }
    $('#dead-letter-counts tbody').replaceChildren(...rows);
    // Updated in place: an item is rebuilt only when it changed (replayed), so an open inspect view or a
    // button under the pointer survives the 5 s refresh.
    const box = $('#dead-letters');
    const existing = new Map($$('.dead-letter', box).map(d => [d.dataset.id, d]));
    const items = (dl.items || []).map(d => {
      const old = existing.get(d.id);
      const replayed = d.replayed ? 'true' : 'false';
      if (old && old.dataset.replayed === replayed) return old;
      return deadLetterItem(d, !!old && old.classList.contains('open'));
    });
    items.forEach((item, k) => {
      if (box.children[k] !== item) box.insertBefore(item, box.children[k] || null);
    });
    while (box.children.length > items.length) box.lastElementChild.remove();
  }

  function deadLetterItem(d, open) {
    let pretty = d.originalEvent;
    try { pretty = JSON.stringify(JSON.parse(d.originalEvent), null, 2); } catch (e) { /* not JSON: shown as it came */ }
    const original = el('pre', { class: 'original-event', text: pretty });
    original.hidden = !open;
    const replayed = d.replayed;
    const item = el('div', {
      class: 'dead-letter' + (open ? ' open' : ''), 'data-id': d.id, 'data-worker': d.worker,
      'data-reason-code': d.reasonCode, 'data-replayed': replayed ? 'true' : 'false' },
    el('div', { class: 'dl-head' },
      el('code', { class: 'reason-code', text: d.reasonCode }), ' ',
      el('b', { text: d.worker }), ' on ', el('code', { text: d.sourceTopic }), ' · ', fmtTime(d.time),
      d.caseId ? el('span', {}, ' · case ', el('a', { href: '#/case/' + d.caseId, text: short(d.caseId) })) : null),
    el('div', { class: 'reason', text: d.reason }),
    el('div', { class: 'dl-actions' },
      el('button', { type: 'button', class: 'inspect', text: open ? 'Hide event' : 'Inspect event', onclick: (ev) => {
        const shown = item.classList.toggle('open');
        original.hidden = !shown;
        ev.target.textContent = shown ? 'Hide event' : 'Inspect event';
      } }),
      el('button', { type: 'button', class: 'replay', disabled: !!replayed, text: replayed ? 'Replayed' : 'Replay',
        title: 'Re-publish the original event to ' + d.sourceTopic + ' (once)', onclick: () => replay(d, item) }),
      el('span', { class: 'replay-status', text: replayed ? 'replayed ' + fmtTime(replayed.replayedAt) + ' by ' + replayed.by
        + ' to ' + replayed.topic : '' })),
    original);
    return item;
  }

  async function replay(d, item) {
    const button = $('.replay', item);
    const status = $('.replay-status', item);
    button.disabled = true;
    try {
      const r = await api('/api/dead-letters/' + encodeURIComponent(d.id) + '/replay', { method: 'POST' });
      item.dataset.replayed = 'true';
      button.textContent = 'Replayed';
      status.textContent = 'replayed ' + fmtTime(r.replayedAt) + ' by ' + r.by + ' to ' + r.topic;
      refreshPipeline();
    } catch (e) {
      button.disabled = false;
      status.textContent = 'replay failed: ' + e.message;
      status.className = 'replay-status error';
    }
  }

  // ---------- training ----------

  const charts = {};

  async function refreshTraining() {
    let jobs;
    try {
      jobs = await api('/api/training-jobs');
    } catch (e) {
      $('#no-training').hidden = false;
      $('#no-training').textContent = 'training jobs: ' + e.message;
      return;
    }
    if (state.route.view !== 'training') return;
    $('#no-training').hidden = jobs.length > 0;
    $('#training-job').hidden = jobs.length === 0;
    if (!jobs.length) return;
    const select = $('#training-select');
    select.replaceChildren(...jobs.map(j => el('option', { value: j.jobId,
      text: short(j.jobId) + ' · ' + j.state + ' · ' + (j.preset || '') + (j.requested ? ' · ' + fmtTime(j.requested) : '') })));
    let job = jobs.find(j => j.jobId === state.trainingJobId) || jobs[0];
    state.trainingJobId = job.jobId;
    select.value = job.jobId;
    renderTraining(job);
  }

  function renderTraining(job) {
    $('#training-job').dataset.jobId = job.jobId;
    $('#training-state').textContent = job.state;
    const last = job.ticks && job.ticks.length ? job.ticks[job.ticks.length - 1] : null;
    $('#training-facts').textContent = 'kimg ' + fmtNum(job.kimg, 1) + (job.kimgTarget ? ' of ' + job.kimgTarget : '')
      + (last && last.secondsPerKimg ? ' · ' + fmtNum(last.secondsPerKimg, 1) + ' s/kimg' : '')
      + (job.datasetPrefix ? ' · ' + job.datasetPrefix : '') + (job.message ? ' · ' + job.message : '');
    const cps = [...(job.checkpoints || [])].filter(c => c.kimg !== null && c.kimg !== undefined).sort((a, b) => a.kimg - b.kimg);
    const metricNames = [...new Set(cps.flatMap(c => Object.keys(c.metrics || {})))].sort();
    chart('chart-metrics', cps.map(c => c.kimg), metricNames.map(n => [n, cps.map(c => (c.metrics || {})[n] ?? null)]));
    const ticks = [...(job.ticks || [])].sort((a, b) => a.kimg - b.kimg);
    const lossNames = [...new Set(ticks.flatMap(t => Object.keys(t.losses || {})))].sort();
    chart('chart-losses', ticks.map(t => t.kimg), lossNames.map(n => [n, ticks.map(t => (t.losses || {})[n] ?? null)]));
    chart('chart-augment', ticks.map(t => t.kimg), [['augment p', ticks.map(t => t.augmentP ?? null)]]);
    $('#training-checkpoints tbody').replaceChildren(...(job.checkpoints || []).map(c => el('tr', { 'data-checkpoint': c.checkpointId },
      el('td', {}, el('code', { text: c.checkpointId })), el('td', { text: fmtNum(c.kimg, 1) }),
      el('td', { text: Object.entries(c.metrics || {}).map(([k, v]) => k + ' ' + fmtNum(v, 4)).join(', ') || '–' }))));
  }

  const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf'];

  function chart(id, xs, series) {
    const host = document.getElementById(id);
    if (charts[id]) {
      charts[id].destroy();
      delete charts[id];
    }
    host.replaceChildren();
    if (!xs.length || !series.length) {
      host.append(el('p', { class: 'empty', text: 'no data yet' }));
      return;
    }
    if (typeof uPlot === 'undefined') {
      host.append(el('p', { class: 'error', text: 'uPlot did not load' }));
      return;
    }
    const opts = {
      width: Math.max(280, host.clientWidth || 380), height: 220,
      scales: { x: { time: false } },
      axes: [{ label: 'kimg' }, {}],
      series: [{ label: 'kimg' }, ...series.map(([name], k) => ({ label: name, stroke: COLORS[k % COLORS.length], width: 1.5,
        points: { show: xs.length < 40 } }))],
    };
    charts[id] = new uPlot(opts, [xs, ...series.map(([, ys]) => ys)], host);
  }

  // ---------- live events (SSE over fetch) ----------

  function startLive() {
    stopLive();
    const controller = new AbortController();
    const live = state.live = { controller, retry: null, stopped: false };
    const setStatus = (s) => {
      const b = $('#live-status');
      b.dataset.state = s;
      b.textContent = 'live: ' + s;
      probe.liveConnected = s === 'connected';
    };
    const connect = async () => {
      if (live.stopped) return;
      setStatus('connecting');
      try {
        const r = await fetch('/api/events', { headers: { Authorization: 'Bearer ' + state.key, Accept: 'text/event-stream' },
          signal: controller.signal, cache: 'no-store' });
        if (r.status === 401) {
          logout('The API key was refused (401): log in again.');
          return;
        }
        if (!r.ok || !r.body) throw new Error('HTTP ' + r.status);
        setStatus('connected');
        // Catch up on what changed while disconnected.
        scheduleRefresh({});
        const reader = r.body.getReader();
        const decoder = new TextDecoder();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          let cut;
          while ((cut = buffer.search(/\r?\n\r?\n/)) >= 0) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut).replace(/^\r?\n\r?\n/, '');
            dispatchSse(block);
          }
        }
        throw new Error('stream ended');
      } catch (e) {
        if (live.stopped) return;
        setStatus('reconnecting');
        live.retry = setTimeout(connect, 2000);
      }
    };
    connect();
  }

  function stopLive() {
    if (state.live) {
      state.live.stopped = true;
      clearTimeout(state.live.retry);
      state.live.controller.abort();
      state.live = null;
    }
    const b = $('#live-status');
    b.dataset.state = 'off';
    b.textContent = 'live: off';
    probe.liveConnected = false;
  }

  /** One SSE message: "event:" names it, "data:" lines (joined by newlines) carry it, ":" lines are comments. */
  function dispatchSse(block) {
    let name = 'message';
    const data = [];
    for (const line of block.split(/\r?\n/)) {
      if (!line || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (field === 'event') name = value;
      else if (field === 'data') data.push(value);
    }
    if (!data.length) return;
    let payload;
    try { payload = JSON.parse(data.join('\n')); } catch (e) { return; }
    payload.type = payload.type || name;
    probe.events.push(Object.assign({ receivedAt: Date.now() }, payload));
    if (probe.events.length > 200) probe.events.shift();
    scheduleRefresh(payload);
  }

  const refreshGallerySoon = debounce(refreshGallery, 150);
  const refreshCaseSoon = debounce(refreshCase, 150);
  const refreshPipelineSoon = debounce(refreshPipeline, 500);
  const refreshTrainingSoon = debounce(refreshTraining, 500);

  function scheduleRefresh(ev) {
    const v = state.route.view;
    if (v === 'gallery') refreshGallerySoon();
    else if (v === 'case' && (!ev.caseId || ev.caseId === state.route.id)) refreshCaseSoon();
    else if (v === 'pipeline') refreshPipelineSoon();
    else if (v === 'training' && (!ev.type || String(ev.type).startsWith('training') || String(ev.type).startsWith('checkpoint'))) {
      refreshTrainingSoon();
    }
  }

  // ---------- wiring ----------

  document.addEventListener('DOMContentLoaded', () => {
    $('#login-form').addEventListener('submit', (ev) => {
      ev.preventDefault();
      const key = $('#api-key').value.trim();
      $('#api-key').value = '';
      if (key) login(key);
    });
    $('#logout').addEventListener('click', () => logout(null));
    window.addEventListener('hashchange', route);
    const refilter = () => {
      state.gallery.state = $('#filter-state').value;
      state.gallery.diagnosis = $('#filter-diagnosis').value;
      state.gallery.size = Number($('#page-size').value);
      state.gallery.page = 0;
      refreshGallery();
    };
    ['#filter-state', '#filter-diagnosis', '#page-size'].forEach(s => $(s).addEventListener('change', refilter));
    $('#page-prev').addEventListener('click', () => { state.gallery.page = Math.max(0, state.gallery.page - 1); refreshGallery(); });
    $('#page-next').addEventListener('click', () => { state.gallery.page += 1; refreshGallery(); });
    $('#alpha-slider').addEventListener('input', (ev) => showFrame(Number(ev.target.value)));
    $('#simulation-select').addEventListener('change', (ev) => {
      state.caseView.simulationId = ev.target.value;
      state.caseView.frameIndex = null;
      const s = currentSimulation();
      if (s) renderSimulation(s);
    });
    $('#new-simulation').addEventListener('submit', requestSimulation);
    $('#training-select').addEventListener('change', (ev) => { state.trainingJobId = ev.target.value; refreshTraining(); });
    $('#page-size').value = String(state.gallery.size);
    if (state.key) login(state.key);
  });
})();
