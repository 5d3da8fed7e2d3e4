// Replay: scrub a node's timeline tick by tick. The source is the node's uploaded journal when C2 serves
// it (GET /api/v1/missions/{id}/nodes/{node}/journal, JSON records with tick, position, agent states and
// interventions); otherwise what this browser received from the stream since it opened.
import { api } from './api.js';
import { model } from './model.js';
import { attempt } from './notice.js';
import { describe } from './fleet.js';

let entries = [];

export function renderReplayNodes() {
  const select = document.getElementById('replay-node');
  const current = select.value;
  const ids = [...model.nodes.keys()].sort();
  if ([...select.options].map(o => o.value).join() !== ids.join()) {
    select.innerHTML = '';
    ids.forEach(id => select.add(new Option(id, id)));
    if (ids.includes(current)) {
      select.value = current;
    }
  }
}

export function useBrowserHistory() {
  const id = document.getElementById('replay-node').value;
  entries = (model.history.get(id) || []).slice();
  resetScrub();
}

export async function loadJournal() {
  const id = document.getElementById('replay-node').value;
  const missionId = model.selectedMission;
  const journal = await attempt(() => api.journal(missionId, id), `journal of ${id} loaded`);
  if (!journal) {
    useBrowserHistory();
    return;
  }
  const records = Array.isArray(journal) ? journal : (journal.records || []);
  entries = records.map(r => ({ kind: r.kind || 'record', tick: r.tick, atMs: r.atMs, sample: r.position ? {
    xM: r.position.xM, yM: r.position.yM, tick: r.tick } : null, record: r }));
  resetScrub();
}

function resetScrub() {
  const scrub = document.getElementById('replay-scrub');
  scrub.max = String(Math.max(0, entries.length - 1));
  scrub.value = scrub.max;
  showAt(Number(scrub.value));
}

export function showAt(index) {
  const info = document.getElementById('replay-info');
  const entry = entries[index];
  if (!entry) {
    info.textContent = 'nothing recorded for this node yet';
    return;
  }
  const lastSample = entries.slice(0, index + 1).reverse().find(e => e.sample);
  const lastState = entries.slice(0, index + 1).reverse().find(e => e.event && e.event.kind === 'state');
  const interventions = entries.slice(0, index + 1).filter(e => e.event && e.event.kind === 'intervention');
  const position = lastSample ? `x ${lastSample.sample.xM.toFixed(1)} m, y ${lastSample.sample.yM.toFixed(1)} m` : 'no position yet';
  info.innerHTML = '';
  const lines = [
    `tick ${entry.tick} (${index + 1}/${entries.length})`,
    `position ${position}`,
    `state ${lastState ? lastState.event.state : 'unknown'}`,
    `interventions so far: ${interventions.map(e => describe(e.event)).join('; ') || 'none'}`,
  ];
  if (entry.record) {
    lines.push(JSON.stringify(entry.record));
  }
  lines.forEach(text => {
    const div = document.createElement('div');
    div.textContent = text;
    info.appendChild(div);
  });
}
