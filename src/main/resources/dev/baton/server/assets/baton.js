// Baton dashboard: live updates from /api/events (SSE). Pages are rendered on the server; this
// script only asks htmx to refresh fragments when events arrive, appends the live log, and draws charts.
window.Baton = (() => {
  const TYPES = ['task.created', 'task.status', 'task.routed', 'task.completed', 'task.failed', 'task.cancelled',
    'task.retrying', 'run.started', 'run.output', 'run.finished', 'run.reconciled', 'workspace.ready',
    'workspace.committed', 'agent.session', 'agent.message', 'agent.tool_call', 'agent.tool_result',
    'agent.usage', 'agent.error', 'agent.result', 'decision.needed', 'decision.answered', 'verify.started',
    'verify.finished', 'merge.done', 'merge.failed'];

  function setLive(on) {
    const el = document.getElementById('live');
    if (el) el.classList.toggle('off', !on);
  }

  function connect(query, onEvent) {
    const source = new EventSource('/api/events' + (query ? '?' + query : ''));
    source.onopen = () => setLive(true);
    source.onerror = () => setLive(false);
    for (const type of TYPES) {
      source.addEventListener(type, (message) => onEvent(JSON.parse(message.data)));
    }
    return source;
  }

  function debounced(fn, ms) {
    let timer = null;
    return () => {
      if (timer) return;
      timer = setTimeout(() => { timer = null; fn(); }, ms);
    };
  }

  function board() {
    const refresh = debounced(() => htmx.trigger(document.body, 'baton:tasks'), 150);
    connect('types=task.*,run.started,run.finished', refresh);
    document.body.addEventListener('htmx:afterRequest', (e) => {
      if (e.detail.elt && e.detail.elt.id === 'task-form' && e.detail.successful
          && document.getElementById('new-task')) {
        e.detail.elt.reset();
      }
    });
  }

  function task(id, runId, after) {
    const log = document.getElementById('log');
    const label = document.getElementById('log-run');
    let current = runId;
    let offset = 0;
    let busy = false;
    let again = false;

    async function pull() {
      if (!current) return;
      if (busy) { again = true; return; }
      busy = true;
      try {
        do {
          again = false;
          const response = await fetch('/api/runs/' + encodeURIComponent(current) + '/log?offset=' + offset);
          if (!response.ok) break;
          const chunk = await response.json();
          if (chunk.text) {
            const atBottom = log.scrollTop + log.clientHeight >= log.scrollHeight - 4;
            log.append(chunk.text);
            if (atBottom) log.scrollTop = log.scrollHeight;
          }
          // a live run's unfinished last line is held back (it may be half a secret): ask again on the next event
          if (chunk.next_offset > offset && chunk.next_offset < chunk.size) again = true;
          offset = chunk.next_offset;
        } while (again);
      } finally {
        busy = false;
      }
    }

    const refresh = debounced(() => htmx.trigger(document.body, 'baton:task'), 150);
    connect('task=' + encodeURIComponent(id) + '&after=' + after, (event) => {
      if (event.run_id && event.run_id !== current) {
        current = event.run_id;
        offset = 0;
        if (log.textContent) log.append('\n── ' + current + ' ──\n');
        label.textContent = current;
      }
      if (event.type.startsWith('run.')) pull();
      if (event.type !== 'run.output') refresh();
    });
    pull();
  }

  function live() {
    connect('types=task.created', () => {});
  }

  async function charts() {
    const made = {};
    const color = { ok: '#2f855a', bad: '#c53030', main: '#2b6cb0', alt: '#805ad5', cost: '#b7791f' };
    function draw(id, type, labels, datasets, yMax) {
      const options = { animation: false, responsive: true, maintainAspectRatio: false,
        scales: { y: { beginAtZero: true, max: yMax } }, plugins: { legend: { display: datasets.length > 1 } } };
      if (made[id]) {
        made[id].data.labels = labels;
        made[id].data.datasets.forEach((d, i) => { d.data = datasets[i].data; });
        made[id].update();
      } else {
        made[id] = new Chart(document.getElementById(id), { type, data: { labels, datasets }, options });
      }
    }
    async function load() {
      const response = await fetch('/api/metrics');
      if (!response.ok) return;
      const m = await response.json();
      const hours = m.hourly.map((p) => p.hour.substring(11, 16));
      draw('chart-throughput', 'bar', hours, [
        { label: 'succeeded', data: m.hourly.map((p) => p.succeeded), backgroundColor: color.ok, stack: 's' },
        { label: 'failed', data: m.hourly.map((p) => p.failed), backgroundColor: color.bad, stack: 's' }]);
      const days = m.daily.map((p) => p.day.substring(5));
      draw('chart-success', 'line', days, [{ label: 'success rate %',
        data: m.daily.map((p) => p.success_rate == null ? null : Math.round(p.success_rate * 100)),
        borderColor: color.ok, spanGaps: true }], 100);
      draw('chart-p95', 'line', days, [{ label: 'p95 s', data: m.daily.map((p) => p.p95_seconds),
        borderColor: color.alt, spanGaps: true }]);
      draw('chart-queue', 'line', m.queue.map((p) => p.at.substring(11, 19)), [
        { label: 'queued', data: m.queue.map((p) => p.queued), borderColor: color.main, pointRadius: 0 },
        { label: 'running', data: m.queue.map((p) => p.running), borderColor: color.ok, pointRadius: 0 }]);
      draw('chart-cost', 'bar', days, [{ label: 'USD', data: m.daily.map((p) => p.cost_usd),
        backgroundColor: color.cost }]);
      document.body.dataset.chartsLoaded = 'true';
    }
    await load();
    setInterval(load, 15000);
    live();
  }

  function decisions() {
    const refresh = debounced(() => htmx.trigger(document.body, 'baton:decisions'), 150);
    connect('types=decision.*', refresh);
  }

  return { board, task, live, charts, decisions };
})();
