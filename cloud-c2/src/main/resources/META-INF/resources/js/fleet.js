// The fleet list: state and freshness are separate columns ("last seen 3 s ago" is about the link, the
// state is what the node last reported). Each row starts with the node's stop button, always in the same
// place. Selecting a row shows that node's timeline of lifecycle states, interventions and alerts.
import { api } from './api.js';
import { model, changed } from './model.js';
import { attempt } from './notice.js';
import { colourOf } from './map.js';

const STALE_MS = 5000;

export function ageText(ms) {
  if (ms === null || ms === undefined) {
    return 'never';
  }
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 90) {
    return `${seconds} s ago`;
  }
  const minutes = Math.round(seconds / 60);
  return minutes < 90 ? `${minutes} min ago` : `${Math.round(minutes / 60)} h ago`;
}

export function renderFleet() {
  const body = document.querySelector('#fleet-table tbody');
  const ids = [...model.nodes.keys()].sort();
  document.getElementById('fleet-count').textContent = `(${ids.length})`;
  const rows = new Map([...body.querySelectorAll('tr')].map(tr => [tr.dataset.node, tr]));
  rows.forEach((tr, id) => {
    if (!model.nodes.has(id)) {
      tr.remove();
    }
  });
  const now = Date.now() - model.serverSkewMs;
  ids.forEach(id => {
    const node = model.nodes.get(id);
    let tr = rows.get(id);
    if (!tr) {
      tr = document.createElement('tr');
      tr.dataset.node = id;
      tr.innerHTML = '<td><button type="button" class="stop node-stop">STOP</button></td><td class="id"></td>'
        + '<td class="state"></td><td class="link"></td><td class="seen"></td><td class="battery"></td>'
        + '<td class="estop"></td>';
      tr.querySelector('.node-stop').addEventListener('click', event => {
        event.stopPropagation();
        attempt(() => api.stop(id, 'stopped from the dashboard'), `stop sent to ${id}`);
      });
      tr.addEventListener('click', () => {
        model.selectedNode = id;
        changed('selection');
      });
      body.appendChild(tr);
    }
    const seen = model.lastSeenMs.get(id);
    const sample = model.samples.get(id);
    const stop = node.emergencyStop || {};
    const requested = stop.requested || {};
    tr.querySelector('.id').textContent = id;
    tr.querySelector('.id').style.color = colourOf(id);
    const state = node.currentState || '';
    tr.querySelector('.state').textContent = !state || state === 'NODE_MISSION_STATE_UNSPECIFIED' ? 'idle' : state;
    tr.querySelector('.link').textContent = node.linkState;
    tr.querySelector('.seen').textContent = ageText(seen ? now - seen : null);
    tr.querySelector('.battery').textContent = sample ? `${Math.round(sample.batteryFraction * 100)} %` : '';
    tr.querySelector('.estop').innerHTML = '';
    tr.querySelector('.estop').textContent = requested.engaged ? `ENGAGED (${stop.state})` : (stop.state === 'NONE' ? '' : `clear (${stop.state})`);
    if (requested.engaged) {
      const release = document.createElement('button');
      release.type = 'button';
      release.className = 'release node-release';
      release.textContent = 'release…';
      release.addEventListener('click', event => {
        event.stopPropagation();
        confirmRelease(release, [id]);
      });
      tr.querySelector('.estop').appendChild(release);
    }
    tr.classList.toggle('selected', model.selectedNode === id);
    tr.classList.toggle('stale', !seen || now - seen > STALE_MS);
  });
  renderTimeline();
}

/**
 * Releasing an e-stop is never one click: the first click turns the button into "confirm release", the
 * second (within 5 s) sends it. The server checks the commander role whatever the page shows.
 */
export function confirmRelease(button, nodeIds) {
  if (button.dataset.armed === 'yes') {
    button.dataset.armed = '';
    button.classList.remove('confirm');
    Promise.all(nodeIds.map(id => api.release(id)))
      .then(() => attempt(async () => undefined, `released ${nodeIds.length} node(s)`))
      .catch(e => attempt(() => Promise.reject(e)));
    return;
  }
  button.dataset.armed = 'yes';
  const label = button.textContent;
  button.textContent = `confirm release (${nodeIds.length})`;
  button.classList.add('confirm');
  setTimeout(() => {
    if (button.dataset.armed === 'yes') {
      button.dataset.armed = '';
      button.textContent = label;
      button.classList.remove('confirm');
    }
  }, 5000);
}

function renderTimeline() {
  const list = document.getElementById('timeline');
  const id = model.selectedNode;
  document.getElementById('timeline-node').textContent = id || '(select a node)';
  list.innerHTML = '';
  if (!id) {
    return;
  }
  model.events.filter(e => e.nodeId === id).slice(-60).reverse().forEach(e => {
    const li = document.createElement('li');
    li.textContent = `${new Date(e.atMs).toLocaleTimeString()} tick ${e.tick} ${describe(e)}`;
    li.className = `event-${e.kind}`;
    list.appendChild(li);
  });
}

export function describe(e) {
  switch (e.kind) {
    case 'state': return `state ${e.state}${e.detail ? ': ' + e.detail : ''} (mission ${e.missionId.slice(0, 8)})`;
    case 'intervention': return `supervisor ${e.intervention} ×${e.added} (total ${e.count})`;
    case 'fault': return `fault in ${e.agent}: ${e.detail}`;
    case 'divergence': return `swarm divergence: ${e.detail}`;
    case 'link': return `link ${e.linkState}`;
    case 'estop': return `e-stop ${e.engaged ? 'engaged' : 'released'}${e.detail ? ': ' + e.detail : ''}`;
    case 'plan-departure': return `departs from its approved plan: ${e.detail}`;
    case 'ack': return `alert ${e.alertId} acknowledged by ${e.by}${e.note ? ': ' + e.note : ''}`;
    default: return e.kind;
  }
}
