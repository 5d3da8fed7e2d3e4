// The fleet's hazards (docs/dashboard.md, "Hazards"): what the nodes report to C2 (their own finds and what
// peers shared), kept from the stream's snapshot (`hazards`, the whole live set) and deltas (`hazards`:
// added or changed, `hazardsRemoved`: ids gone, `hazardsReset`: replace everything). Drawn on the map in the
// mission's local frame, with kind, finder and time left.
import { model, changed } from './model.js';
import { LocalFrame } from './frame.js';

export const hazards = new Map();

function take(message) {
  if (message.type === 'snapshot' || message.hazardsReset) {
    hazards.clear();
  }
  if (message.type !== 'snapshot' && message.type !== 'delta') {
    return;
  }
  (message.hazards || []).forEach(h => hazards.set(h.id, h));
  (message.hazardsRemoved || []).forEach(id => hazards.delete(id));
  if (message.hazards || message.hazardsRemoved) {
    changed('hazards');
  }
}

model.streamHooks.push(take);
model.hazards = hazards;

/** Live hazards (by C2's clock), each with its position in `frame`'s metres. */
export function hazardsIn(frame) {
  const now = Date.now() - model.serverSkewMs;
  const out = [];
  hazards.forEach(h => {
    if (h.expiresAtMs <= now) {
      return;
    }
    let m = { x: h.xM, y: h.yM };
    const own = LocalFrame.ofMission(model.missionById.get(h.missionId));
    if (own && frame && (own.lat0 !== frame.lat0 || own.lon0 !== frame.lon0)) {
      const geo = own.toGeo(h.xM, h.yM);
      m = frame.toMetres(geo.lat, geo.lon);
    }
    out.push({ hazard: h, m, leftS: Math.max(0, Math.round((h.expiresAtMs - now) / 1000)) });
  });
  return out;
}

/** Draws each hazard as a red disc of its radius with "kind · finder · time left"; returns them for tests. */
export function drawHazards(map, frame) {
  const drawn = {};
  const ctx = map.ctx;
  hazardsIn(frame).forEach(({ hazard, m, leftS }) => {
    map.circle(m, hazard.radiusM || 5, '#ff5252');
    const p = map.toScreen(m);
    ctx.save();
    ctx.fillStyle = '#ff8a80';
    ctx.font = '11px sans-serif';
    ctx.fillText(`${hazard.kind} · ${hazard.sender} · ${leftS} s`, p.x + 6, p.y - 6);
    ctx.restore();
    drawn[hazard.id] = { x: Math.round(p.x), y: Math.round(p.y), kind: hazard.kind, sender: hazard.sender,
      radiusM: hazard.radiusM, expiresAtMs: hazard.expiresAtMs, reportedBy: hazard.reportedBy };
  });
  map.canvas.dataset.hazards = JSON.stringify(drawn);
}
