// What the page knows, fed by the stream's snapshot and deltas. A snapshot replaces everything the stream
// told before (so reconnecting after a C2 restart never duplicates a node); trails and the browser-side
// history used by the replay view are bounded.
import { LocalFrame } from './frame.js';

const TRAIL_POINTS = 400;
const HISTORY_POINTS = 6000;
const EVENTS_KEPT = 2000;

export const model = {
  nodes: new Map(),
  samples: new Map(),
  trails: new Map(),
  history: new Map(),
  lastSeenMs: new Map(),
  progress: new Map(),
  events: [],
  missions: [],
  missionById: new Map(),
  cells: new Map(),
  plans: new Map(),
  selectedMission: null,
  selectedNode: null,
  serverSkewMs: 0,
  listeners: [],
  /** Functions that also read every stream message (hazards.js, alerts.js), called after the model took it. */
  streamHooks: [],
};

export function onChange(listener) {
  model.listeners.push(listener);
}

export function changed(what) {
  model.listeners.forEach(listener => listener(what));
}

export function geoOfSample(sample) {
  const mission = model.missionById.get(sample.missionId);
  const frame = LocalFrame.ofMission(mission);
  return frame ? frame.toGeo(sample.xM, sample.yM) : null;
}

function addSample(sample) {
  model.samples.set(sample.nodeId, sample);
  const seen = model.lastSeenMs.get(sample.nodeId) || 0;
  model.lastSeenMs.set(sample.nodeId, Math.max(seen, sample.receivedAtMs));
  const trail = model.trails.get(sample.nodeId) || [];
  trail.push(sample);
  if (trail.length > TRAIL_POINTS) {
    trail.splice(0, trail.length - TRAIL_POINTS);
  }
  model.trails.set(sample.nodeId, trail);
  record(sample.nodeId, { kind: 'sample', atMs: sample.receivedAtMs, tick: sample.tick, sample });
}

function record(nodeId, entry) {
  const history = model.history.get(nodeId) || [];
  history.push(entry);
  if (history.length > HISTORY_POINTS) {
    history.splice(0, history.length - HISTORY_POINTS);
  }
  model.history.set(nodeId, history);
}

function addEvent(event) {
  model.events.push(event);
  if (model.events.length > EVENTS_KEPT) {
    model.events.splice(0, model.events.length - EVENTS_KEPT);
  }
  record(event.nodeId, { kind: 'event', atMs: event.atMs, tick: event.tick, event });
}

export function applyStreamMessage(message) {
  if (message.serverTimeMs) {
    model.serverSkewMs = Date.now() - message.serverTimeMs;
  }
  switch (message.type) {
    case 'snapshot':
      model.nodes.clear();
      model.samples.clear();
      model.progress.clear();
      model.events = [];
      message.nodes.forEach(node => model.nodes.set(node.nodeId, node));
      message.samples.forEach(addSample);
      message.missions.forEach(p => model.progress.set(`${p.missionId}/${p.nodeId}`, p));
      message.events.forEach(addEvent);
      changed('snapshot');
      break;
    case 'delta':
      (message.nodes || []).forEach(node => model.nodes.set(node.nodeId, node));
      (message.samples || []).forEach(addSample);
      (message.missions || []).forEach(p => model.progress.set(`${p.missionId}/${p.nodeId}`, p));
      (message.events || []).forEach(addEvent);
      changed((message.missions || []).length || (message.events || []).length ? 'progress' : 'delta');
      break;
    case 'heartbeat':
      Object.entries(message.lastSeenMs || {}).forEach(([id, at]) => {
        model.lastSeenMs.set(id, Math.max(model.lastSeenMs.get(id) || 0, at));
      });
      changed('heartbeat');
      break;
    default:
      break;
  }
  model.streamHooks.forEach(hook => hook(message));
}
