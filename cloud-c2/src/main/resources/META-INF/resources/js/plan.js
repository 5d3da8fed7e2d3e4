// Plan against reality: the approved simulation's predicted paths and per-cell coverage timing, drawn over the
// live map (map.js, layer "plan"). Whether a node departs from its plan is decided by C2 (PlanDriftMonitor),
// which raises a 'plan-departure' alert into the stream's alert queue with the tick where the departure began.
import { api } from './api.js';
import { model, changed } from './model.js';

/**
 * Reads a simulation outcome (docs/mission-approval.md): paths {simulated node: [{tick, xM, yM}]} in the
 * mission's local frame, cellCoverage [{cell, tick, nodeId}], tickPeriodMs.
 */
export function planFrom(outcome, simulationId) {
  const paths = {};
  if (outcome && outcome.paths && typeof outcome.paths === 'object') {
    Object.entries(outcome.paths).forEach(([id, path]) => {
      if (Array.isArray(path)) {
        paths[id] = path.filter(p => Number.isFinite(p.xM) && Number.isFinite(p.yM));
      }
    });
  }
  const cells = Array.isArray(outcome && outcome.cellCoverage) ? outcome.cellCoverage : [];
  return { simulationId, paths, cells, tickPeriodMs: (outcome && outcome.tickPeriodMs) || 20 };
}

const asked = new Map();
const RETRY_MS = 15000;

/**
 * Makes sure the selected mission's approved plan is known: asks C2 which simulation is approved for the
 * mission's current bytes and reads its outcome (at most every 15 s per mission while there is none).
 */
export function ensurePlan(missionId) {
  if (!missionId || model.plans.has(missionId) || Date.now() - (asked.get(missionId) || 0) < RETRY_MS) {
    return;
  }
  asked.set(missionId, Date.now());
  loadApprovedPlan(missionId).catch(() => { /* no approved simulation (yet), or no access: nothing to draw */ });
}

async function loadApprovedPlan(missionId) {
  const status = await api.call('GET', `/api/v1/missions/${encodeURIComponent(missionId)}/approvals`);
  if (!status || !status.simulationId || !(status.approvals || []).length) {
    return;
  }
  const simulation = await api.simulation(missionId, status.simulationId);
  if (simulation && simulation.state === 'SUCCEEDED' && simulation.outcome) {
    model.plans.set(missionId, planFrom(simulation.outcome, simulation.id));
    changed('missions');
  }
}
