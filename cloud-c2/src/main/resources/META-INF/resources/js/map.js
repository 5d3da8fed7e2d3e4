// The map: the mission's local metric frame drawn on a canvas (no tiles from anywhere), with a metre grid
// labelled in lat/lon, mission areas, cells by owner and done/not done, the nodes' geofences (assigned
// areas), hazards, planned paths, trails and every node's position and heading.
import { LocalFrame } from './frame.js';
import { model, geoOfSample } from './model.js';
import { drawHazards } from './hazards.js';
import { drawPlan } from './planlayer.js';

const DEFAULT_ORIGIN = { lat: 47.3769, lon: 8.5417 };
const PALETTE = ['#4fc3f7', '#ffb74d', '#81c784', '#f06292', '#ba68c8', '#fff176', '#4db6ac', '#e57373'];

export function colourOf(nodeId) {
  let hash = 0;
  for (const c of nodeId) {
    hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
  }
  const ids = [...model.nodes.keys()].sort();
  const index = ids.indexOf(nodeId);
  return PALETTE[(index >= 0 ? index : hash) % PALETTE.length];
}

export class MissionMap {
  constructor(canvas, cursorLabel) {
    this.canvas = canvas;
    this.ctx = canvas.getContext('2d');
    this.cursorLabel = cursorLabel;
    this.zoom = 1;
    this.drawing = null;
    this.layers = { trails: true, cells: true, plan: true, hazards: true, geofence: true };
    canvas.addEventListener('click', e => this.click(e));
    canvas.addEventListener('mousemove', e => this.hover(e));
    canvas.addEventListener('wheel', e => {
      e.preventDefault();
      this.zoom = Math.min(50, Math.max(0.2, this.zoom * (e.deltaY < 0 ? 1.2 : 1 / 1.2)));
      this.render();
    }, { passive: false });
  }

  /** The frame everything is drawn in: the selected mission's, else the newest mission's, else a default. */
  frame() {
    const selected = model.missionById.get(model.selectedMission);
    const newest = model.missions[model.missions.length - 1];
    return LocalFrame.ofMission(selected) || LocalFrame.ofMission(newest)
      || new LocalFrame(DEFAULT_ORIGIN.lat, DEFAULT_ORIGIN.lon);
  }

  /** While drawing, the view stays where it is, so the picture does not move under the pointer. */
  startDrawing() {
    this.render();
    this.frozen = this.view;
    this.drawing = [];
    this.render();
  }

  finishDrawing() {
    const area = this.drawing;
    this.drawing = null;
    this.frozen = null;
    this.render();
    return area && area.length >= 3 ? area : null;
  }

  clearDrawing() {
    this.drawing = null;
    this.frozen = null;
    this.render();
  }

  click(event) {
    if (!this.drawing) {
      return;
    }
    const geo = this.geoAt(event);
    this.drawing.push(geo);
    this.canvas.dispatchEvent(new CustomEvent('vertex', { detail: this.drawing.length }));
    this.render();
  }

  hover(event) {
    const geo = this.geoAt(event);
    const m = this.view.frame.toMetres(geo.lat, geo.lon);
    this.cursorLabel.textContent = `${geo.lat.toFixed(6)}, ${geo.lon.toFixed(6)}  (${m.x.toFixed(1)} m E, ${m.y.toFixed(1)} m N)`;
  }

  geoAt(event) {
    const rect = this.canvas.getBoundingClientRect();
    const px = (event.clientX - rect.left) * this.canvas.width / rect.width;
    const py = (event.clientY - rect.top) * this.canvas.height / rect.height;
    const { frame, scale, cx, cy } = this.view;
    return frame.toGeo((px - this.canvas.width / 2) / scale + cx, -(py - this.canvas.height / 2) / scale + cy);
  }

  render() {
    const frame = this.frame();
    const points = [];
    const areas = this.areas(frame);
    areas.forEach(a => a.points.forEach(p => points.push(p)));
    const nodes = this.nodePositions(frame);
    nodes.forEach(n => points.push(n.m));
    (this.drawing || []).forEach(g => points.push(frame.toMetres(g.lat, g.lon)));
    const bounds = boundsOf(points.length ? points : [{ x: -100, y: -100 }, { x: 100, y: 100 }]);
    const w = this.canvas.width;
    const h = this.canvas.height;
    const spanX = Math.max(bounds.maxX - bounds.minX, 40);
    const spanY = Math.max(bounds.maxY - bounds.minY, 40);
    const scale = Math.min(w / spanX, h / spanY) * 0.85 * this.zoom;
    this.view = this.frozen || { frame, scale, cx: (bounds.minX + bounds.maxX) / 2, cy: (bounds.minY + bounds.maxY) / 2 };
    const ctx = this.ctx;
    ctx.clearRect(0, 0, w, h);
    this.grid();
    areas.forEach(a => this.polygon(a.points, a.selected ? '#90caf9' : '#546e7a', a.selected ? 2 : 1, null));
    if (this.layers.cells) {
      this.cells(frame);
    }
    if (this.layers.geofence) {
      this.geofences(frame);
    }
    if (this.layers.hazards) {
      drawHazards(this, frame);
    }
    if (this.layers.plan) {
      this.plans(frame);
    }
    if (this.layers.trails) {
      this.trails(frame);
    }
    const screen = {};
    nodes.forEach(n => {
      screen[n.id] = this.node(n);
    });
    if (this.drawing) {
      this.polygon(this.drawing.map(g => frame.toMetres(g.lat, g.lon)), '#ffee58', 2, null, !this.drawing.closed);
    }
    // For tests and scripts: where each node was drawn, in canvas pixels.
    this.canvas.dataset.nodes = JSON.stringify(screen);
    this.canvas.dataset.frame = `${frame.lat0.toFixed(6)},${frame.lon0.toFixed(6)}`;
  }

  toScreen(m) {
    const { scale, cx, cy } = this.view;
    return { x: this.canvas.width / 2 + (m.x - cx) * scale, y: this.canvas.height / 2 - (m.y - cy) * scale };
  }

  areas(frame) {
    const shown = model.missions.filter(m => m.id === model.selectedMission
      || ['DISPATCHED', 'IN_PROGRESS'].includes(m.state));
    return shown.map(m => ({ selected: m.id === model.selectedMission,
      points: m.spec.area.map(p => frame.toMetres(p.lat, p.lon)) }));
  }

  nodePositions(frame) {
    const result = [];
    model.samples.forEach(sample => {
      const geo = geoOfSample(sample);
      const m = geo ? frame.toMetres(geo.lat, geo.lon) : { x: sample.xM, y: sample.yM };
      const view = model.nodes.get(sample.nodeId);
      result.push({ id: sample.nodeId, m, heading: sample.headingDeg, view });
    });
    return result;
  }

  grid() {
    const ctx = this.ctx;
    const { frame, scale } = this.view;
    const w = this.canvas.width;
    const h = this.canvas.height;
    const metresAcross = w / scale;
    const step = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000].find(s => metresAcross / s <= 12) || 10000;
    const topLeft = this.geoAtPixel(0, 0);
    const bottomRight = this.geoAtPixel(w, h);
    const a = frame.toMetres(topLeft.lat, topLeft.lon);
    const b = frame.toMetres(bottomRight.lat, bottomRight.lon);
    ctx.strokeStyle = '#1c2733';
    ctx.fillStyle = '#6c7a89';
    ctx.lineWidth = 1;
    ctx.font = '10px monospace';
    for (let x = Math.ceil(a.x / step) * step; x <= b.x; x += step) {
      const s = this.toScreen({ x, y: 0 });
      line(ctx, s.x, 0, s.x, h);
      ctx.fillText(frame.toGeo(x, 0).lon.toFixed(5), s.x + 2, h - 4);
    }
    for (let y = Math.ceil(b.y / step) * step; y <= a.y; y += step) {
      const s = this.toScreen({ x: 0, y });
      line(ctx, 0, s.y, w, s.y);
      ctx.fillText(frame.toGeo(0, y).lat.toFixed(5), 2, s.y - 2);
    }
    ctx.fillText(`grid ${step} m · origin ${frame.lat0.toFixed(5)}, ${frame.lon0.toFixed(5)}`, w - 260, 12);
  }

  geoAtPixel(px, py) {
    const { frame, scale, cx, cy } = this.view;
    return frame.toGeo((px - this.canvas.width / 2) / scale + cx, -(py - this.canvas.height / 2) / scale + cy);
  }

  cells(frame) {
    const mission = model.missionById.get(model.selectedMission);
    const cells = model.cells.get(model.selectedMission);
    if (!mission || !cells) {
      return;
    }
    const owner = new Map();
    const done = new Set();
    const coverage = mission.coverage && mission.coverage.nodes ? Object.values(mission.coverage.nodes) : [];
    const live = [...model.progress.values()].filter(p => p.missionId === mission.id);
    [...coverage, ...live].forEach(report => {
      (report.cellsOwned || []).forEach(c => owner.set(c, report.nodeId));
      (report.cellsDone || []).forEach(c => {
        done.add(c);
        owner.set(c, report.nodeId);
      });
    });
    cells.cells.forEach(cell => {
      const pts = cell.outline.map(p => frame.toMetres(p.lat, p.lon));
      const nodeId = owner.get(cell.index);
      const colour = nodeId ? colourOf(nodeId) : '#37474f';
      this.polygon(pts, '#263238', 1, done.has(cell.index) ? colour + 'aa' : colour + '30');
    });
  }

  geofences(frame) {
    const mission = model.missionById.get(model.selectedMission);
    (mission ? mission.nodes : []).forEach(share => {
      if (share.assignedArea && share.assignedArea.length) {
        const pts = share.assignedArea.map(p => frame.toMetres(p.lat, p.lon));
        this.ctx.setLineDash([4, 4]);
        this.polygon(pts, colourOf(share.nodeId), 1, null);
        this.ctx.setLineDash([]);
      }
    });
  }

  plans(frame) {
    drawPlan(this, frame, colourOf);
  }

  trails(frame) {
    const ctx = this.ctx;
    model.trails.forEach((trail, nodeId) => {
      ctx.strokeStyle = colourOf(nodeId) + '99';
      ctx.lineWidth = 1.5;
      ctx.beginPath();
      trail.forEach((sample, i) => {
        const geo = geoOfSample(sample);
        const s = this.toScreen(geo ? frame.toMetres(geo.lat, geo.lon) : { x: sample.xM, y: sample.yM });
        if (i === 0) {
          ctx.moveTo(s.x, s.y);
        } else {
          ctx.lineTo(s.x, s.y);
        }
      });
      ctx.stroke();
    });
  }

  node(n) {
    const ctx = this.ctx;
    const s = this.toScreen(n.m);
    const connected = !n.view || n.view.linkState === 'CONNECTED';
    const stopped = n.view && n.view.emergencyStop && n.view.emergencyStop.requested
      && n.view.emergencyStop.requested.engaged;
    ctx.save();
    ctx.translate(s.x, s.y);
    ctx.rotate((n.heading || 0) * Math.PI / 180);
    ctx.fillStyle = connected ? colourOf(n.id) : '#607d8b';
    ctx.beginPath();
    ctx.moveTo(0, -9);
    ctx.lineTo(6, 7);
    ctx.lineTo(-6, 7);
    ctx.closePath();
    ctx.fill();
    ctx.restore();
    if (stopped) {
      ctx.strokeStyle = '#ff1744';
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.arc(s.x, s.y, 12, 0, 2 * Math.PI);
      ctx.stroke();
    }
    if (model.selectedNode === n.id) {
      ctx.strokeStyle = '#ffffff';
      ctx.lineWidth = 1;
      ctx.strokeRect(s.x - 12, s.y - 12, 24, 24);
    }
    ctx.fillStyle = '#d8dee6';
    ctx.font = '11px sans-serif';
    ctx.fillText(n.id, s.x + 10, s.y - 8);
    return { x: Math.round(s.x), y: Math.round(s.y) };
  }

  polygon(points, stroke, width, fill, open) {
    if (!points.length) {
      return;
    }
    const ctx = this.ctx;
    ctx.beginPath();
    points.forEach((p, i) => {
      const s = this.toScreen(p);
      if (i === 0) {
        ctx.moveTo(s.x, s.y);
      } else {
        ctx.lineTo(s.x, s.y);
      }
    });
    if (!open) {
      ctx.closePath();
    }
    if (fill) {
      ctx.fillStyle = fill;
      ctx.fill();
    }
    ctx.strokeStyle = stroke;
    ctx.lineWidth = width;
    ctx.stroke();
  }

  circle(m, radiusM, colour) {
    const s = this.toScreen(m);
    this.ctx.fillStyle = colour + '55';
    this.ctx.beginPath();
    this.ctx.arc(s.x, s.y, Math.max(3, radiusM * this.view.scale), 0, 2 * Math.PI);
    this.ctx.fill();
  }
}

function boundsOf(points) {
  return points.reduce((b, p) => ({
    minX: Math.min(b.minX, p.x), maxX: Math.max(b.maxX, p.x),
    minY: Math.min(b.minY, p.y), maxY: Math.max(b.maxY, p.y),
  }), { minX: Infinity, maxX: -Infinity, minY: Infinity, maxY: -Infinity });
}

function line(ctx, x0, y0, x1, y1) {
  ctx.beginPath();
  ctx.moveTo(x0, y0);
  ctx.lineTo(x1, y1);
  ctx.stroke();
}
