// Alerts (faults, divergence, interventions, link loss, e-stops, plan departures, any other kind) as a queue:
// newest first, acknowledged ones greyed with who acknowledged them. Acknowledgements live on C2
// (POST /api/v1/alerts/{id}/ack, operator role), shared by every commander: the page reads them with
// GET /api/v1/alerts after each snapshot and takes the stream's `ack` events as they come.
import { model, changed, onChange } from './model.js';
import { describe } from './fleet.js';
import { api } from './api.js';
import { attempt } from './notice.js';

export const acks = new Map();

/**
 * An alert's stable id, as C2 makes it: <kind>:<node>:<mission>:<tick>, the kind being the alert's severity
 * (for an intervention "intervention.<KIND>"). An alert that arrives without one (an older C2) gets its id
 * the same way, so any kind can be acknowledged.
 */
export function alertIdOf(alert) {
  if (alert.alertId) {
    return alert.alertId;
  }
  const severity = alert.severity || alert.kind || 'alert';
  const kind = (alert.intervention ? `${severity}.${alert.intervention}` : severity).replace(/[^A-Za-z0-9_.-]/g, '_');
  return `${kind.slice(0, 64)}:${alert.nodeId}:${alert.missionId || ''}:${Math.max(0, alert.tick || 0)}`;
}

async function loadAcks() {
  try {
    const answer = await api.call('GET', '/api/v1/alerts');
    (answer.acks || []).forEach(a => acks.set(a.alertId, a));
    (answer.alerts || []).forEach(a => {
      if (a.ack) {
        acks.set(a.alertId, a.ack);
      }
    });
    changed('acks');
  } catch (e) {
    // A C2 without the alerts resource, or no token yet: the queue still shows, unacknowledged.
  }
}

model.streamHooks.push(message => {
  if (message.type === 'snapshot') {
    loadAcks();
  }
  (message.events || []).filter(e => e.kind === 'ack' && e.alertId).forEach(e => {
    acks.set(e.alertId, { alertId: e.alertId, by: e.by, atMs: e.atMs, note: e.note });
    changed('acks');
  });
});

onChange(what => {
  if (what === 'acks') {
    renderAlerts();
  }
});

export async function acknowledge(ids) {
  for (const id of ids) {
    const ack = await attempt(() => api.call('POST', `/api/v1/alerts/${encodeURIComponent(id)}/ack`, {}),
      `alert acknowledged`);
    if (ack) {
      acks.set(ack.alertId, ack);
    }
  }
  renderAlerts();
}

export function renderAlerts() {
  const list = document.getElementById('alert-list');
  const alerts = model.events.filter(e => e.alert).slice(-200).reverse();
  const open = alerts.filter(a => !acks.has(alertIdOf(a)));
  document.getElementById('alert-count').textContent = String(open.length);
  list.innerHTML = '';
  alerts.forEach(alert => {
    const li = document.createElement('li');
    const id = alertIdOf(alert);
    const ack = acks.get(id);
    li.className = `alert-${alert.severity || alert.kind}` + (ack ? ' acked' : '');
    li.dataset.alertId = id;
    li.textContent = `${new Date(alert.atMs).toLocaleTimeString()} ${alert.nodeId} tick ${alert.tick}: ${describe(alert)} `;
    if (ack) {
      const by = document.createElement('span');
      by.className = 'ack-by';
      by.textContent = `acknowledged by ${ack.by}${ack.note ? ': ' + ack.note : ''}`;
      li.appendChild(by);
    } else {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = 'ack';
      button.addEventListener('click', () => acknowledge([id]));
      li.appendChild(button);
    }
    list.appendChild(li);
  });
}

export function acknowledgeAll() {
  acknowledge([...new Set(model.events.filter(e => e.alert).map(alertIdOf))].filter(id => !acks.has(id)));
}
