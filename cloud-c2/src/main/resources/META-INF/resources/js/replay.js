// Replay: scrub a node's timeline. The source is the node's uploaded journal when C2 has it, read through
// GET /api/v1/missions/{id}/nodes/{node}/journal/timeline (per tick: the vehicle as the agents sensed it,
// every agent's state, the supervisor's interventions; paged, downsampled to at most MAX_ENTRIES ticks, and
// any single tick on request); otherwise what this browser received from the stream since it opened.
import { api } from './api.js';
import { model } from './model.js';
import { attempt } from './notice.js';
import { describe } from './fleet.js';

const MAX_ENTRIES = 6000;
const PAGE = 2000;
const MAX_PAGES = 6;

let entries = [];
let source = 'browser';
let loaded = null;

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
  source = 'browser';
  loaded = null;
  resetScrub();
}

function timelinePath(missionId, nodeId, query) {
  return `/api/v1/missions/${encodeURIComponent(missionId)}/nodes/${encodeURIComponent(nodeId)}/journal/timeline?${query}`;
}

function missionOf(nodeId) {
  const node = model.nodes.get(nodeId);
  return model.selectedMission || (node && node.currentMissionId) || null;
}

function entryOf(t) {
  return { kind: 'journal', tick: t.tick, sample: t.xM === null || t.xM === undefined ? null : { xM: t.xM, yM: t.yM },
    agents: t.agents || [], interventions: t.interventions || [], record: t };
}

export async function loadJournal() {
  const nodeId = document.getElementById('replay-node').value;
  const missionId = missionOf(nodeId);
  if (!missionId) {
    useBrowserHistory();
    return;
  }
  const first = await attempt(() => api.call('GET', timelinePath(missionId, nodeId, 'limit=1')), null);
  if (!first) {
    useBrowserHistory();
    return;
  }
  const span = Math.max(1, first.lastTick - first.firstTick + 1);
  const every = Math.max(1, Math.ceil(span / MAX_ENTRIES));
  const ticks = [];
  let from = Math.max(0, first.firstTick);
  for (let page = 0; page < MAX_PAGES && from !== null && from !== undefined; page++) {
    const answer = await attempt(() => api.call('GET', timelinePath(missionId, nodeId,
      `fromTick=${from}&limit=${PAGE}&every=${every}`)), null);
    if (!answer) {
      break;
    }
    answer.ticks.forEach(t => ticks.push(t));
    from = answer.next;
  }
  entries = ticks.map(entryOf);
  source = 'journal';
  loaded = { missionId, nodeId, every, firstTick: first.firstTick, lastTick: first.lastTick,
    interventionsTotal: first.interventionsTotal };
  attempt(async () => undefined, `journal of ${nodeId} loaded: ticks ${first.firstTick}..${first.lastTick}`
    + (every > 1 ? `, every ${every}th shown` : ''));
  resetScrub();
}

/** Shows exactly tick `tick` of the loaded journal (whatever the downsampling), fetched from C2. */
export async function showTick(tick) {
  if (!loaded) {
    return;
  }
  const answer = await attempt(() => api.call('GET', timelinePath(loaded.missionId, loaded.nodeId,
    `fromTick=${tick}&limit=1`)), null);
  if (answer && answer.ticks.length) {
    const entry = entryOf(answer.ticks[0]);
    let index = entries.findIndex(e => e.tick >= entry.tick);
    if (index < 0) {
      index = entries.length;
    }
    if (!entries[index] || entries[index].tick !== entry.tick) {
      entries.splice(index, 0, entry);
    }
    const scrub = document.getElementById('replay-scrub');
    scrub.max = String(Math.max(0, entries.length - 1));
    scrub.value = String(index);
    showAt(index);
  }
}

function resetScrub() {
  const scrub = document.getElementById('replay-scrub');
  scrub.max = String(Math.max(0, entries.length - 1));
  scrub.value = scrub.max;
  showAt(Number(scrub.value));
}

function journalLines(entry, index) {
  const upTo = entries.slice(0, index + 1);
  const so = upTo.reduce((n, e) => n + (e.interventions ? e.interventions.length : 0), 0);
  const position = entry.sample ? `x ${entry.sample.xM.toFixed(2)} m, y ${entry.sample.yM.toFixed(2)} m`
    : 'no sensor frame';
  const agents = entry.agents.map(a => `${a.name} ${a.state} ${(a.progressPermille / 10).toFixed(1)} %`
    + (a.fault ? ` (fault: ${a.fault})` : '')).join('; ');
  const here = entry.interventions.map(i => `${i.kind}${i.detail ? ' ' + i.detail : ''}`).join('; ');
  return [
    `journal of ${loaded.nodeId}, tick ${entry.tick} (${index + 1}/${entries.length}, ticks ${loaded.firstTick}..${loaded.lastTick})`,
    `position ${position}`,
    `agents ${agents || 'none'}`,
    `interventions at this tick: ${here || 'none'}`,
    `interventions so far (shown ticks): ${so} of ${loaded.interventionsTotal} in the journal`,
  ];
}

function browserLines(entry, index) {
  const lastSample = entries.slice(0, index + 1).reverse().find(e => e.sample);
  const lastState = entries.slice(0, index + 1).reverse().find(e => e.event && e.event.kind === 'state');
  const interventions = entries.slice(0, index + 1).filter(e => e.event && e.event.kind === 'intervention');
  const position = lastSample ? `x ${lastSample.sample.xM.toFixed(1)} m, y ${lastSample.sample.yM.toFixed(1)} m` : 'no position yet';
  return [
    `tick ${entry.tick} (${index + 1}/${entries.length})`,
    `position ${position}`,
    `state ${lastState ? lastState.event.state : 'unknown'}`,
    `interventions so far: ${interventions.map(e => describe(e.event)).join('; ') || 'none'}`,
  ];
}

export function showAt(index) {
  const info = document.getElementById('replay-info');
  const entry = entries[index];
  info.dataset.source = source;
  if (!entry) {
    info.textContent = 'nothing recorded for this node yet';
    delete info.dataset.tick;
    return;
  }
  // For tests and scripts: what is shown, as numbers.
  info.dataset.tick = String(entry.tick);
  info.dataset.position = entry.sample ? JSON.stringify({ xM: entry.sample.xM, yM: entry.sample.yM }) : '';
  info.dataset.agents = JSON.stringify(entry.agents || []);
  info.dataset.interventions = JSON.stringify(entry.interventions || []);
  info.innerHTML = '';
  (source === 'journal' ? journalLines(entry, index) : browserLines(entry, index)).forEach(text => {
    const div = document.createElement('div');
    div.textContent = text;
    info.appendChild(div);
  });
}
