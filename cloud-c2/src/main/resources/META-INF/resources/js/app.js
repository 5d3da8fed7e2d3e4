// Wires the dashboard together: login, the live stream, the map, the fleet list, missions, alerts, the
// emergency stop and replay.
import { api, setToken, token, rolesOf } from './api.js';
import { LiveStream } from './stream.js';
import { model, onChange, applyStreamMessage } from './model.js';
import { MissionMap } from './map.js';
import { renderFleet, confirmRelease } from './fleet.js';
import { refreshMissions, renderMissionList, openMissionForm, submitMissionForm } from './missions.js';
import { renderAlerts, acknowledgeAll } from './alerts.js';
import { renderReplayNodes, useBrowserHistory, loadJournal, showAt, showTick } from './replay.js';
import { ensurePlan } from './plan.js';
import { attempt, showError } from './notice.js';

const $ = id => document.getElementById(id);
const map = new MissionMap($('map'), $('map-cursor'));

function showUser() {
  const bearer = token();
  $('login-form').hidden = Boolean(bearer);
  $('logged-in').hidden = !bearer;
  if (bearer) {
    const who = rolesOf(bearer);
    $('user-name').textContent = `${who.user} (${who.roles.join(', ') || 'no roles'})`;
  }
}

const stream = new LiveStream({
  status: (state, code, opens) => {
    const pill = $('stream-status');
    pill.dataset.state = state;
    pill.dataset.opens = String(opens || 0);
    pill.textContent = `stream: ${state}${code ? ' (' + code + ')' : ''}`;
  },
  message: message => applyStreamMessage(message),
});

let missionsDirty = false;
onChange(what => {
  if (what === 'snapshot' || what === 'progress') {
    missionsDirty = true;
  }
  if (what === 'missions' || what === 'selection' || what === 'snapshot') {
    renderMissionList();
  }
});

// Rendering runs at most every animation frame; the mission list is re-read when the stream says a
// node's mission state moved (at most once a second).
let listsAt = 0;
let eventsShown = -1;
function frame(now) {
  if (now - listsAt > 250) {
    listsAt = now;
    renderFleet();
    renderReplayNodes();
    ensurePlan(model.selectedMission);
    // The alert list is rebuilt only when an event arrived, so its buttons stay put under the pointer.
    const count = model.events.length + (model.events.length ? model.events[model.events.length - 1].atMs : 0);
    if (count !== eventsShown) {
      eventsShown = count;
      renderAlerts();
    }
  }
  map.render();
  requestAnimationFrame(frame);
}

setInterval(() => {
  if (missionsDirty) {
    missionsDirty = false;
    refreshMissions().catch(showError);
  }
}, 1000);

$('login-form').addEventListener('submit', async event => {
  event.preventDefault();
  const answer = await attempt(() => api.login($('login-user').value, $('login-password').value), 'logged in');
  const bearer = answer && (answer.token || answer.accessToken || answer.access_token);
  if (bearer) {
    setToken(bearer);
    showUser();
    stream.restart();
    refreshMissions().catch(showError);
  }
});
$('token-button').addEventListener('click', () => {
  setToken($('login-token').value.trim());
  showUser();
  stream.restart();
  refreshMissions().catch(showError);
});
$('logout-button').addEventListener('click', () => {
  setToken('');
  showUser();
  stream.restart();
});

// The emergency stop: one click, no dialog, every node at once.
$('stop-all').addEventListener('click', () => {
  const ids = [...model.nodes.keys()];
  Promise.allSettled(ids.map(id => api.stop(id, 'stop all from the dashboard'))).then(results => {
    const failed = results.filter(r => r.status === 'rejected');
    if (failed.length) {
      showError(failed[0].reason);
    } else {
      attempt(async () => undefined, `stop sent to ${ids.length} node(s)`);
    }
  });
});
$('release-all').addEventListener('click', () => {
  const engaged = [...model.nodes.values()].filter(n => n.emergencyStop && n.emergencyStop.requested
    && n.emergencyStop.requested.engaged).map(n => n.nodeId);
  confirmRelease($('release-all'), engaged);
});

$('draw-button').addEventListener('click', () => {
  map.startDrawing();
  $('draw-finish').disabled = false;
});
$('draw-finish').addEventListener('click', () => {
  const area = map.finishDrawing();
  $('draw-finish').disabled = true;
  if (area) {
    openMissionForm(area);
  } else {
    showError(new Error('an area needs at least 3 points: click them on the map'));
  }
});
$('draw-clear').addEventListener('click', () => map.clearDrawing());
$('mission-form').addEventListener('submit', submitMissionForm);
['trails', 'cells', 'plan', 'hazards', 'geofence'].forEach(layer => {
  $(`layer-${layer}`).addEventListener('change', e => { map.layers[layer] = e.target.checked; });
});

document.querySelectorAll('#tabs button').forEach(b => b.addEventListener('click', () => {
  document.querySelectorAll('#tabs button').forEach(x => x.classList.toggle('active', x === b));
  document.querySelectorAll('.tab').forEach(t => { t.hidden = t.id !== `tab-${b.dataset.tab}`; });
  if (b.dataset.tab === 'replay') {
    useBrowserHistory();
  }
}));
$('ack-all').addEventListener('click', acknowledgeAll);
$('replay-node').addEventListener('change', useBrowserHistory);
$('replay-journal').addEventListener('click', loadJournal);
$('replay-scrub').addEventListener('input', e => showAt(Number(e.target.value)));
$('replay-go').addEventListener('click', () => showTick(Number($('replay-tick').value)));

// A token handed over in the URL fragment (#token=...) is taken and removed from the address bar.
const fromFragment = new URLSearchParams(location.hash.slice(1)).get('token');
if (fromFragment) {
  setToken(fromFragment);
  history.replaceState(null, '', location.pathname);
}
showUser();
stream.start();
refreshMissions().catch(showError);
requestAnimationFrame(frame);
window.lockstepDashboard = { model, map };
