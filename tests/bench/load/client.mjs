// One plain Yjs client over a plain websocket: the y-websocket handshake, a participant's
// presence and, for writers, keystrokes — a member editing the body of their own remark, a
// coordinator typing into a clause's wording — the way Samråd's app writes them, so Samråd's
// guard accepts them. The same client talks to both servers.
//
// Every write carries its sender's clock (`~T<ms>~W<writer>~`), so a receiving client of the
// same agreement (same process, same clock) measures delivery latency from the frame's bytes.
// Receivers do not integrate what they receive once the load runs: that would cost this load
// tool the same CPU for both servers and measure nothing about them.
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import WebSocket from 'ws';

const MSG_SYNC = 0;
const MSG_AWARENESS = 1;
const STEP1 = 0;
const STEP2 = 1;
const UPDATE = 2;
const MARK_T = Buffer.from('~T');
const MARK_P = Buffer.from('~P');
const TILDE = '~'.charCodeAt(0);

/** Milliseconds since the epoch, sub-millisecond, on this process's monotonic clock. */
export const now = () => performance.timeOrigin + performance.now();

const LETTERS = 'abcdefghijklmnopqrstuvwxyzåäö ';

/** Reads the `~T<ms>~W<writer>~` (or `~P…`) stamps in `buf` from `from`; calls `seen(ms, writer)`. */
function stamps(buf, mark, seen) {
  let at = buf.indexOf(mark);
  while (at >= 0) {
    const w = buf.indexOf('~W', at + 2);
    const end = w < 0 ? -1 : buf.indexOf(TILDE, w + 2);
    if (end < 0) return;
    const ms = Number(buf.toString('latin1', at + 2, w));
    const writer = Number(buf.toString('latin1', w + 2, end));
    if (Number.isFinite(ms)) seen(ms, writer);
    at = buf.indexOf(mark, end);
  }
}

export class Client {
  /**
   * @param spec {index, agreement, url, headers, participant: {id,name,organisation,role},
   *   writes: 'remark' | 'text' | null, seed?: Uint8Array}
   * @param stats the worker's counters (see worker.mjs)
   */
  constructor(spec, stats) {
    this.spec = spec;
    this.stats = stats;
    this.doc = new Y.Doc();
    if (spec.seed) Y.applyUpdate(this.doc, spec.seed);
    this.synced = false;
    this.presenceClock = 0;
    this.typed = '';
    this.pendingAcks = []; // [clock, sentAt] of writes waiting for the server's "saved"
    this.closed = null;
    this.lastSeen = new Map(); // writer → the newest write stamp received from them
  }

  /** Opens the socket and resolves once the server's SyncStep2 has arrived. */
  connect(timeoutMs = 60_000) {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(this.spec.url, { headers: this.spec.headers, perMessageDeflate: false });
      this.ws = ws;
      this.onSynced = resolve;
      const timer = setTimeout(() => reject(new Error(`client ${this.spec.index}: not synced in ${timeoutMs} ms`)), timeoutMs);
      ws.on('open', () => {
        const e = encoding.createEncoder();
        encoding.writeVarUint(e, MSG_SYNC);
        encoding.writeVarUint(e, STEP1);
        encoding.writeVarUint8Array(e, Y.encodeStateVector(this.doc));
        ws.send(encoding.toUint8Array(e));
        this.sendPresence(false);
      });
      ws.on('message', (data) => this.receive(data));
      ws.on('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      ws.on('close', (code, reason) => {
        clearTimeout(timer);
        this.closed = code;
        if (!this.stats.stopping) {
          const key = `${code} ${reason}`;
          this.stats.closes[key] = (this.stats.closes[key] ?? 0) + 1;
        }
        if (!this.synced) reject(new Error(`client ${this.spec.index}: closed ${code} ${reason}`));
      });
      const synced = this.onSynced;
      this.onSynced = () => {
        clearTimeout(timer);
        synced();
      };
    });
  }

  receive(buf) {
    const stats = this.stats;
    stats.framesIn++;
    if (buf[0] === MSG_AWARENESS) {
      stats.presenceIn++;
      if (stats.measuring) {
        const at = now();
        stamps(buf, MARK_P, (ms, writer) => {
          if (writer !== this.spec.index && ms >= stats.windowStart && ms < stats.windowEnd) {
            stats.presenceLatency.add(at - ms);
          }
        });
      }
      return;
    }
    if (buf[0] !== MSG_SYNC) return;
    if (buf[1] === UPDATE) {
      const at = now();
      stamps(buf, MARK_T, (ms, writer) => {
        if (writer === this.spec.index) return; // the Node server echoes writes to their sender
        // A write is delivered once: Samråd keeps a remark's replaced wording (with the previous
        // keystroke's stamp in it) in the same update as the new one, and that earlier write
        // has been counted already. One writer's stamps only grow.
        if (ms <= (this.lastSeen.get(writer) ?? -Infinity)) return;
        this.lastSeen.set(writer, ms);
        if (ms >= stats.windowStart && ms < stats.windowEnd) {
          stats.deliveries++;
          stats.latency.add(at - ms);
        }
      });
      return;
    }
    const d = decoding.createDecoder(buf);
    while (decoding.hasContent(d)) {
      const tag = decoding.readVarUint(d);
      if (tag !== MSG_SYNC) return;
      const kind = decoding.readVarUint(d);
      const body = decoding.readVarUint8Array(d);
      if (kind === STEP1) this.serverState(Y.decodeStateVector(body));
      else if (kind === STEP2) {
        Y.applyUpdate(this.doc, body, 'server');
        if (!this.synced) {
          this.synced = true;
          this.onSynced?.();
        }
      }
    }
  }

  /** The server's state vector: answers with what it lacks (as Samråd's app does, only when it
   * lacks something), and takes it as "saved" for our writes it covers. */
  serverState(sv) {
    const own = this.doc.clientID;
    const stored = sv.get(own) ?? 0;
    if (this.pendingAcks.length) {
      const at = now();
      while (this.pendingAcks.length && this.pendingAcks[0][0] < stored) {
        const [, sentAt] = this.pendingAcks.shift();
        if (this.stats.measuring && sentAt >= this.stats.windowStart && sentAt < this.stats.windowEnd) {
          this.stats.ackLatency.add(at - sentAt);
        }
      }
    }
    let lacking = false;
    for (const [client] of this.doc.store.clients) {
      if (Y.getState(this.doc.store, client) > (sv.get(client) ?? 0)) lacking = true;
    }
    if (lacking) {
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, MSG_SYNC);
      encoding.writeVarUint(e, STEP2);
      encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(this.doc, Y.encodeStateVector(sv)));
      this.ws.send(encoding.toUint8Array(e));
    }
  }

  /** Presence as Samråd's app announces it (who, where, whether typing), plus a cursor that
   * moves and the sender's clock. */
  sendPresence(typing) {
    if (this.ws?.readyState !== WebSocket.OPEN) return;
    const p = this.spec.participant;
    const at = now();
    const json = JSON.stringify({
      participant: p.id,
      name: p.name,
      organisation: p.organisation,
      role: p.role,
      clause: this.clause ?? null,
      typing: typing ? (this.clause ?? null) : null,
      cursor: { anchor: this.typed.length, head: this.typed.length },
      at: `~P${at.toFixed(3)}~W${this.spec.index}~`,
    });
    const inner = encoding.createEncoder();
    encoding.writeVarUint(inner, 1);
    encoding.writeVarUint(inner, this.doc.clientID);
    encoding.writeVarUint(inner, ++this.presenceClock);
    encoding.writeVarString(inner, json);
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, MSG_AWARENESS);
    encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
    this.ws.send(encoding.toUint8Array(e));
    if (this.stats.measuring && at >= this.stats.windowStart && at < this.stats.windowEnd) {
      this.stats.presenceOut++;
    }
  }

  /** The first clause (by id) of the synced agreement, and what a writer needs before typing:
   * a member's own remark on it (one update, like pressing "Skicka"). */
  prepare() {
    const clauses = this.doc.getMap('clauses');
    this.clause = [...clauses.keys()].sort()[0];
    if (this.spec.writes === 'remark') {
      const p = this.spec.participant;
      const id = this.freshKey('r');
      const phase = this.doc.getMap('meta').get('phase') ?? 'drafting';
      this.send(() => {
        this.remark = new Y.Map([
          ['clause', this.clause],
          ['author', p.id],
          ['author_name', p.name],
          ['organisation', p.organisation],
          ['role', p.role],
          ['body', `Synpunkt från ${p.name} på punkt ${this.clause}.`],
          ['created_ms', Date.now()],
          ['phase', phase],
          ['kind', 'comment'],
        ]);
        this.doc.getMap('remarks').set(id, this.remark);
      });
    } else if (this.spec.writes === 'text') {
      this.text = clauses.get(this.clause).get('text');
      this.caret = this.text.length;
      this.marker = 0;
    }
  }

  /** The key of an entry this client writes next under a root whose keys name where the entry
   * was written (the guard's `KeyShape::Fresh`: prefix, client id in hex, clock). */
  freshKey(prefix) {
    return `${prefix}${this.doc.clientID.toString(16)}-${Y.getState(this.doc.store, this.doc.clientID)}`;
  }

  /** One keystroke. */
  keystroke() {
    if (this.ws?.readyState !== WebSocket.OPEN || !this.spec.writes) return;
    const letter = LETTERS[Math.floor(Math.random() * LETTERS.length)];
    const at = now();
    const stamp = `~T${at.toFixed(3)}~W${this.spec.index}~`;
    const measured = this.stats.measuring && at >= this.stats.windowStart && at < this.stats.windowEnd;
    this.send(() => {
      if (this.spec.writes === 'remark') {
        this.typed = (this.typed + letter).slice(-60);
        const p = this.spec.participant;
        this.remark.set('body', `Synpunkt från ${p.name}: ${this.typed} ${stamp}`);
        this.remark.set('edited_ms', Date.now());
      } else {
        // Typing at the caret: the previous stamp goes, the letter and a new stamp come.
        if (this.marker) this.text.delete(this.caret, this.marker);
        this.text.insert(this.caret, letter + stamp);
        this.caret += 1;
        this.marker = stamp.length;
      }
    }, at);
    if (measured) {
      this.stats.writes++;
      this.stats.expected += this.spec.peers;
    }
  }

  /** Runs `change` in one transaction and sends its update as a y-websocket Update. */
  send(change, at = now()) {
    let update = null;
    const grab = (u, origin) => {
      if (origin !== 'server') update = u;
    };
    this.doc.on('update', grab);
    this.doc.transact(change);
    this.doc.off('update', grab);
    if (!update) return;
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, MSG_SYNC);
    encoding.writeVarUint(e, UPDATE);
    encoding.writeVarUint8Array(e, update);
    this.ws.send(encoding.toUint8Array(e));
    // Saved once the server's state vector passes this write's last clock (Samråd only: the
    // Node server stores nothing and says nothing).
    if (this.spec.acks) this.pendingAcks.push([Y.getState(this.doc.store, this.doc.clientID) - 1, at]);
  }

  /** The whole document this client holds, as one update. */
  encodeState() {
    return Y.encodeStateAsUpdate(this.doc);
  }

  close() {
    this.ws?.close();
  }
}
