// Plan against reality: the approved simulation's predicted paths, and a check that flags a node whose
// actual position departs from its predicted position at the same tick by more than a threshold, with
// the tick where the departure began.
import { model, changed, geoOfSample } from './model.js';
import { LocalFrame } from './frame.js';

export const DEPARTURE_THRESHOLD_M = 25;

/**
 * Reads predicted paths from a simulation result. Accepted shapes: {paths: {node: [{tick,xM,yM}]}} or
 * {nodes: [{nodeId, path: [...]}]}; points may carry lat/lon instead of xM/yM.
 */
export function planFrom(result) {
  const paths = {};
  if (result && result.paths && typeof result.paths === 'object') {
    Object.entries(result.paths).forEach(([id, path]) => { paths[id] = path; });
  }
  if (result && Array.isArray(result.nodes)) {
    result.nodes.forEach(n => {
      if (Array.isArray(n.path)) {
        paths[n.nodeId] = n.path;
      }
    });
  }
  return { paths, flagged: new Set() };
}

/** Compares every node's latest sample with its plan; raises one plan alert per node and mission. */
export function checkPlans() {
  model.plans.forEach((plan, missionId) => {
    const mission = model.missionById.get(missionId);
    const frame = LocalFrame.ofMission(mission);
    Object.entries(plan.paths).forEach(([nodeId, path]) => {
      const trail = (model.trails.get(nodeId) || []).filter(s => s.missionId === missionId);
      if (!trail.length || plan.flagged.has(nodeId) || !frame) {
        return;
      }
      let began = null;
      for (const sample of trail) {
        const predicted = at(path, sample.tick);
        if (!predicted) {
          continue;
        }
        const geo = geoOfSample(sample);
        const actual = geo ? frame.toMetres(geo.lat, geo.lon) : { x: sample.xM, y: sample.yM };
        const off = Math.hypot(actual.x - predicted.xM, actual.y - predicted.yM);
        if (off > DEPARTURE_THRESHOLD_M) {
          began = began || { tick: sample.tick, off };
        } else {
          began = null;
        }
      }
      if (began) {
        plan.flagged.add(nodeId);
        model.events.push({ kind: 'plan', nodeId, missionId, tick: began.tick, atMs: Date.now(), alert: true,
          severity: 'plan', detail: `${began.off.toFixed(0)} m (threshold ${DEPARTURE_THRESHOLD_M} m) since tick ${began.tick}` });
        changed('progress');
      }
    });
  });
}

function at(path, tick) {
  let best = null;
  for (const p of path) {
    if (p.tick === undefined) {
      continue;
    }
    if (p.tick <= tick) {
      best = p;
    } else {
      break;
    }
  }
  return best;
}
