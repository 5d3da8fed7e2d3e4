// Alerts (faults, divergence, interventions, link loss, e-stops, plan departures) as a queue: newest first,
// acknowledged ones greyed. Acknowledgements are this browser's (kept in localStorage per alert number).
import { model } from './model.js';
import { describe } from './fleet.js';

const ACK_KEY = 'lockstep.acked';

function acked() {
  try {
    return new Set(JSON.parse(localStorage.getItem(ACK_KEY) || '[]'));
  } catch (e) {
    return new Set();
  }
}

function keyOf(alert) {
  return `${alert.kind}/${alert.nodeId}/${alert.seq || alert.atMs}`;
}

export function acknowledge(keys) {
  const set = acked();
  keys.forEach(k => set.add(k));
  localStorage.setItem(ACK_KEY, JSON.stringify([...set].slice(-5000)));
  renderAlerts();
}

export function renderAlerts() {
  const list = document.getElementById('alert-list');
  const done = acked();
  const alerts = model.events.filter(e => e.alert).slice(-200).reverse();
  const open = alerts.filter(a => !done.has(keyOf(a)));
  document.getElementById('alert-count').textContent = String(open.length);
  list.innerHTML = '';
  alerts.forEach(alert => {
    const li = document.createElement('li');
    const key = keyOf(alert);
    li.className = `alert-${alert.severity || alert.kind}` + (done.has(key) ? ' acked' : '');
    li.textContent = `${new Date(alert.atMs).toLocaleTimeString()} ${alert.nodeId} tick ${alert.tick}: ${describe(alert)} `;
    if (!done.has(key)) {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = 'ack';
      button.addEventListener('click', () => acknowledge([key]));
      li.appendChild(button);
    }
    list.appendChild(li);
  });
}

export function acknowledgeAll() {
  acknowledge(model.events.filter(e => e.alert).map(keyOf));
}
