// The live data plane (/api/v1/stream, docs/dashboard.md): reconnects with backoff after any close (C2
// restarting), and every new connection starts from a snapshot that replaces what the page held, so a
// restart never duplicates nodes.
import { token } from './api.js';

export class LiveStream {
  constructor(handlers) {
    this.handlers = handlers;
    this.backoffMs = 500;
    this.socket = null;
    this.stopped = false;
    this.opens = 0;
  }

  start() {
    this.stopped = false;
    this.open();
  }

  restart() {
    if (this.socket) {
      this.socket.onclose = null;
      this.socket.close();
    }
    this.open();
  }

  open() {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const protocols = ['lockstep.v1'];
    const bearer = token();
    if (bearer) {
      // Browsers cannot set headers on a WebSocket; Quarkus takes this subprotocol entry as a header.
      protocols.push('quarkus-http-upgrade#Authorization#' + encodeURIComponent('Bearer ' + bearer));
    }
    this.handlers.status('connecting', 0, this.opens);
    const socket = new WebSocket(`${scheme}//${location.host}/api/v1/stream`, protocols);
    this.socket = socket;
    socket.onopen = () => {
      this.backoffMs = 500;
      this.opens++;
      this.handlers.status('open', 0, this.opens);
    };
    socket.onmessage = event => {
      const message = JSON.parse(event.data);
      this.handlers.message(message);
    };
    socket.onclose = event => {
      if (this.socket !== socket) {
        return;
      }
      this.handlers.status('closed', event.code, this.opens);
      if (!this.stopped) {
        setTimeout(() => this.open(), this.backoffMs);
        this.backoffMs = Math.min(this.backoffMs * 2, 5000);
      }
    };
  }
}
