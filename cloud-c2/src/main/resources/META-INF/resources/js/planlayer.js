// Draws a mission's plan (plan.js) on the map: every simulated node's predicted path dashed in its colour, and
// per cell the mission time the simulation covered it at; a cell the plan had covered by the fleet's current
// tick that is not done yet is outlined red (behind plan). Publishes what it drew on the canvas's data
// attributes (plan-mission, plan-paths, plan-points, plan-cells, plan-behind) for tests and people alike.
import { model } from './model.js';

export function drawPlan(map, frame, colourOf) {
  const canvas = map.canvas;
  const plan = model.plans.get(model.selectedMission);
  if (!plan) {
    canvas.dataset.planPaths = '0';
    canvas.dataset.planPoints = '0';
    return;
  }
  const ctx = map.ctx;
  const ids = Object.keys(plan.paths).sort();
  const liveIds = [...model.nodes.keys()].sort();
  let points = 0;
  ctx.setLineDash([2, 6]);
  ids.forEach((simId, i) => {
    const path = plan.paths[simId];
    // simulated node-k flies like the k-th dispatched node (same ids in a local fleet)
    const liveId = liveIds.includes(simId) ? simId : (liveIds[i] || simId);
    ctx.strokeStyle = colourOf(liveId);
    ctx.lineWidth = 2;
    ctx.beginPath();
    path.forEach((p, k) => {
      const s = map.toScreen({ x: p.xM, y: p.yM });
      if (k === 0) {
        ctx.moveTo(s.x, s.y);
      } else {
        ctx.lineTo(s.x, s.y);
      }
    });
    ctx.stroke();
    points += path.length;
  });
  ctx.setLineDash([]);
  const behind = coverage(map, frame, plan);
  canvas.dataset.planMission = model.selectedMission;
  canvas.dataset.planPaths = String(ids.length);
  canvas.dataset.planPoints = String(points);
  canvas.dataset.planCells = String(plan.cells.filter(c => c.tick >= 0).length);
  canvas.dataset.planBehind = String(behind);
}

/** Labels each cell with its predicted covering time; outlines the ones behind plan. Returns how many are. */
function coverage(map, frame, plan) {
  const cells = model.cells.get(model.selectedMission);
  if (!cells || !plan.cells.length) {
    return 0;
  }
  const live = [...model.progress.values()].filter(p => p.missionId === model.selectedMission);
  const tickNow = live.reduce((max, p) => Math.max(max, p.tick || 0), 0);
  const done = new Set();
  live.forEach(p => (p.cellsDone || []).forEach(c => done.add(c)));
  const predicted = new Map(plan.cells.filter(c => c.tick >= 0).map(c => [c.cell, c.tick]));
  const ctx = map.ctx;
  let behind = 0;
  ctx.font = '10px monospace';
  cells.cells.forEach(cell => {
    const tick = predicted.get(cell.index);
    if (tick === undefined) {
      return;
    }
    const pts = cell.outline.map(p => frame.toMetres(p.lat, p.lon));
    const c = pts.reduce((a, p) => ({ x: a.x + p.x / pts.length, y: a.y + p.y / pts.length }), { x: 0, y: 0 });
    const s = map.toScreen(c);
    ctx.fillStyle = '#cfd8dc';
    ctx.fillText(`${Math.round(tick * plan.tickPeriodMs / 1000)}s`, s.x - 10, s.y + 3);
    if (live.length && tickNow > tick && !done.has(cell.index)) {
      behind++;
      ctx.setLineDash([3, 3]);
      map.polygon(pts, '#ff5252', 1.5, null);
      ctx.setLineDash([]);
    }
  });
  return behind;
}
