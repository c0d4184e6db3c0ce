// The staff stream /ws/agent: ticket events numbered by the server's journal. Events come as they
// commit, so a number may arrive a moment after a higher one; each frame says up to which number
// the tab has had everything ("upTo"). The tab remembers that number and the ones above it it has
// applied and, after a drop, reconnects with ?since=upTo: the server replays what followed, and
// what the tab had already is dropped here: each event applied once. "reset" means the tab was
// away too long: reload the lists instead.
export class StaffStream {
  constructor({ onEvent, onStatus, onReset }) {
    this.onEvent = onEvent;
    this.onStatus = onStatus;
    this.onReset = onReset;
    this.seq = null; // every number up to this one has been applied
    this.above = new Set(); // numbers above it applied already
    this.attempt = 0;
    this.queue = [];
    this.connect();
  }

  connect() {
    const url = new URL('ws/agent', location.href);
    url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    if (this.seq !== null) url.searchParams.set('since', this.seq);
    const ws = new WebSocket(url);
    this.ws = ws;
    ws.onopen = () => {
      this.attempt = 0;
      this.onStatus('connected');
      clearInterval(this.pinger);
      this.pinger = setInterval(() => this.send({ type: 'ping' }), 25000);
      for (const f of this.queue.splice(0)) this.send(f);
    };
    ws.onmessage = (m) => {
      const f = JSON.parse(m.data);
      if (f.type === 'welcome') {
        const reset = f.resume === 'reset' || this.seq === null;
        const first = this.seq === null;
        if (f.resume !== 'resumed') {
          this.seq = f.seq;
          this.above.clear();
        }
        if (reset && !first) this.onReset();
        if (first) this.onEvent(f);
        return;
      }
      if (f.type === 'ticket') {
        if (this.seq !== null && (f.seq <= this.seq || this.above.has(f.seq))) return; // applied
        this.above.add(f.seq);
        if (f.upTo !== undefined && (this.seq === null || f.upTo > this.seq)) {
          this.seq = f.upTo;
          for (const n of this.above) if (n <= this.seq) this.above.delete(n);
        }
      }
      this.onEvent(f);
    };
    ws.onclose = (e) => {
      clearInterval(this.pinger);
      if (e.code === 1008) { location.reload(); return; } // session ended: back to sign-in
      this.onStatus('reconnecting');
      const delay = Math.min(30000, 500 * 2 ** this.attempt++) * (0.5 + Math.random() / 2);
      setTimeout(() => this.connect(), delay);
    };
  }

  send(frame) {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(frame));
    else if (frame.type !== 'ping' && frame.type !== 'typing') this.queue = [frame];
  }
}
