// Missions: the list, one mission's detail (per-node lifecycle, coverage, history), and the commander's
// actions on it: simulate, approve, dispatch, abort. Actions whose endpoint this C2 lacks show the
// server's answer (404 problem) instead of failing silently.
import { api } from './api.js';
import { model, changed } from './model.js';
import { attempt, showError } from './notice.js';
import { planFrom } from './plan.js';

export async function refreshMissions() {
  const missions = await api.missions();
  model.missions = missions;
  model.missionById = new Map(missions.map(m => [m.id, m]));
  if (!model.selectedMission && missions.length) {
    const active = missions.filter(m => ['DISPATCHED', 'IN_PROGRESS'].includes(m.state));
    model.selectedMission = (active[active.length - 1] || missions[missions.length - 1]).id;
  }
  await loadCells(model.selectedMission);
  changed('missions');
}

async function loadCells(id) {
  if (!id || model.cells.has(id)) {
    return;
  }
  try {
    model.cells.set(id, await api.call('GET', `/api/v1/missions/${encodeURIComponent(id)}/cells`));
  } catch (e) {
    model.cells.set(id, null);
  }
}

export function renderMissionList() {
  const list = document.getElementById('mission-list');
  list.innerHTML = '';
  [...model.missions].reverse().forEach(m => {
    const li = document.createElement('li');
    li.dataset.mission = m.id;
    li.textContent = `${m.name} — ${m.state} (${m.nodes.length} nodes)`;
    li.classList.toggle('selected', m.id === model.selectedMission);
    li.addEventListener('click', async () => {
      model.selectedMission = m.id;
      await loadCells(m.id);
      changed('missions');
    });
    list.appendChild(li);
  });
  renderMissionDetail();
}

function renderMissionDetail() {
  const box = document.getElementById('mission-detail');
  const m = model.missionById.get(model.selectedMission);
  box.innerHTML = '';
  if (!m) {
    return;
  }
  const h = document.createElement('h3');
  h.id = 'mission-title';
  h.textContent = `${m.name} · ${m.state}`;
  box.appendChild(h);
  const info = document.createElement('div');
  const coverage = m.coverage ? ` · coverage ${m.coverage.cellsCovered}/${m.coverage.cellsTotal} cells (${m.coverage.coveragePercent.toFixed(0)} %)` : '';
  info.textContent = `${m.spec.type} · priority ${m.spec.priority} · created ${new Date(m.createdAt).toLocaleString()}${coverage}`;
  box.appendChild(info);

  const actions = document.createElement('div');
  actions.append(
    button('simulate', 'Simulate', () => simulate(m.id)),
    button('approve', 'Approve', () => approve(m.id)),
    button('dispatch', 'Dispatch', () => dispatch(m.id)),
    button('abort', 'Abort', () => attempt(() => api.abort(m.id, 'aborted from the dashboard'), 'abort sent')),
    button('history', 'History', () => showHistory(m.id)));
  box.appendChild(actions);

  const picker = document.createElement('div');
  picker.id = 'dispatch-nodes';
  picker.textContent = 'dispatch to: ';
  [...model.nodes.keys()].sort().forEach(id => {
    const label = document.createElement('label');
    label.style.display = 'inline';
    label.innerHTML = `<input type="checkbox" value="${id}" checked> ${id} `;
    picker.appendChild(label);
  });
  if (m.state === 'CREATED' || m.state === 'APPROVED') {
    box.appendChild(picker);
  }

  const table = document.createElement('table');
  table.id = 'mission-nodes';
  table.innerHTML = '<thead><tr><th>node</th><th>state</th><th>tick</th><th>contact</th><th>progress</th></tr></thead>';
  const body = document.createElement('tbody');
  m.nodes.forEach(share => {
    const live = model.progress.get(`${m.id}/${share.nodeId}`);
    const tr = document.createElement('tr');
    const agents = share.agents.map(a => `${a.name} ${Math.round(a.progressPermille / 10)}%`).join(', ');
    const state = live && live.tick >= share.tick ? live.state : share.state;
    tr.innerHTML = '<td></td><td></td><td></td><td></td><td></td>';
    [share.nodeId, state + (share.recovery && share.recovery.recovering ? ' (recovering)' : ''),
      String(live ? Math.max(live.tick, share.tick) : share.tick), share.contact ? share.contact.state : '', agents]
      .forEach((text, i) => { tr.children[i].textContent = text; });
    body.appendChild(tr);
  });
  table.appendChild(body);
  box.appendChild(table);
  const history = document.createElement('ol');
  history.id = 'mission-history';
  box.appendChild(history);
}

function button(name, label, action) {
  const b = document.createElement('button');
  b.type = 'button';
  b.id = `mission-${name}`;
  b.textContent = label;
  b.addEventListener('click', action);
  return b;
}

async function dispatch(id) {
  const nodes = [...document.querySelectorAll('#dispatch-nodes input:checked')].map(i => i.value);
  const view = await attempt(() => api.dispatch(id, nodes), `dispatched to ${nodes.join(', ')}`);
  if (view) {
    await refreshMissions();
  }
}

/** The last simulation run from this page per mission: what Approve approves. */
const simulations = new Map();

/** Starts a simulation (202) and follows it until it succeeds or fails; the answer is shown either way. */
async function simulate(id) {
  const started = await attempt(() => api.simulate(id));
  if (!started) {
    return;
  }
  let record = started;
  const deadline = Date.now() + 10 * 60 * 1000;
  while (record && (record.state === 'QUEUED' || record.state === 'RUNNING') && Date.now() < deadline) {
    await new Promise(resolve => setTimeout(resolve, 500));
    record = await attempt(() => api.simulation(id, started.id));
  }
  if (!record) {
    return;
  }
  simulations.set(id, record.id);
  if (record.state === 'SUCCEEDED') {
    const o = record.outcome || {};
    await attempt(async () => record, `simulation succeeded: ${o.coveragePercent}% covered, `
      + `about ${Math.round((o.predictedDurationMs || 0) / 1000)} s predicted`);
    model.plans.set(id, planFrom(o, record.id));
    changed('missions');
  } else {
    showError(new Error(`simulation ${record.state}: ${record.error || 'no result'}`));
  }
}

async function approve(id) {
  const simulationId = simulations.get(id);
  if (!simulationId) {
    showError(new Error('simulate the mission first: an approval names the simulation it approves'));
    return;
  }
  await attempt(() => api.approve(id, simulationId), 'approval recorded');
}

async function showHistory(id) {
  const history = await attempt(() => api.history(id));
  const list = document.getElementById('mission-history');
  if (!history || !list) {
    return;
  }
  const entries = Array.isArray(history) ? history : (history.entries || history.history || []);
  list.innerHTML = '';
  entries.forEach(entry => {
    const li = document.createElement('li');
    li.textContent = JSON.stringify(entry);
    list.appendChild(li);
  });
}

/** The "new mission" form: the polygon drawn on the map plus agents and parameters. */
export function openMissionForm(area) {
  const form = document.getElementById('mission-form');
  form.hidden = false;
  form.dataset.area = JSON.stringify(area);
  document.getElementById('mf-area').textContent = `area: ${area.length} vertices`;
  const agents = document.getElementById('mf-agents');
  if (!agents.value.trim()) {
    const template = model.missions[model.missions.length - 1];
    agents.value = JSON.stringify(template ? template.spec.agents : [], null, 1);
    if (template) {
      const extra = {};
      ['limits', 'models', 'linkLossPolicy', 'linkLossTimeoutMs'].forEach(k => {
        if (template.spec[k] !== null && template.spec[k] !== undefined) {
          extra[k] = template.spec[k];
        }
      });
      document.getElementById('mf-extra').value = JSON.stringify(extra);
    }
  }
}

export async function submitMissionForm(event) {
  event.preventDefault();
  const form = document.getElementById('mission-form');
  let agents;
  let extra;
  try {
    agents = JSON.parse(document.getElementById('mf-agents').value);
    extra = JSON.parse(document.getElementById('mf-extra').value || '{}');
  } catch (e) {
    showError(new Error(`agents/other fields are not JSON: ${e.message}`));
    return;
  }
  const area = JSON.parse(form.dataset.area || '[]');
  const spec = Object.assign({}, extra, {
    name: document.getElementById('mf-name').value,
    type: document.getElementById('mf-type').value,
    priority: Number(document.getElementById('mf-priority').value),
    area,
    frameOrigin: area[0],
    agents,
  });
  const created = await attempt(() => api.createMission(spec), 'mission created');
  if (created) {
    form.hidden = true;
    model.selectedMission = created.id;
    await refreshMissions();
  }
}
