// What a page asks the server for while it opens an agreement, as a test sees it: the
// agreement fetched by index.html on a first visit (`/api/agreements/{id}/state`), and the
// frames of its sync sockets — the hello (SyncStep1, with the state vector it holds) and the
// server's SyncStep2 (what it lacked).
const STATE = /\/api\/agreements\/[^/]+\/state$/;

/** The bytes of a SyncStep1 from a replica holding nothing: sync, step 1, an empty vector. */
export const ASKS_FOR_EVERYTHING = [0, 0, 1, 0];

export class SyncTraffic {
  /** Starts recording `page`'s traffic; call before it navigates. */
  static async of(page) {
    const traffic = new SyncTraffic();
    page.on('websocket', (ws) => {
      if (!new URL(ws.url()).pathname.startsWith('/sync/')) return;
      const socket = { sent: [], received: [] };
      traffic.sockets.push(socket);
      ws.on('framesent', (f) => typeof f.payload !== 'string' && socket.sent.push([...f.payload]));
      ws.on('framereceived', (f) => typeof f.payload !== 'string' && socket.received.push(f.payload.length));
    });
    page.on('response', async (r) => {
      if (!STATE.test(new URL(r.url()).pathname)) return;
      const body = r.ok() ? (await r.body().catch(() => Buffer.alloc(0))).length : 0;
      traffic.fetches.push({ status: r.status(), bytes: body });
    });
    page.on('requestfailed', (r) => STATE.test(new URL(r.url()).pathname) && traffic.fetches.push({ status: 'failed', bytes: 0 }));
    return traffic;
  }

  constructor() {
    this.sockets = [];
    this.fetches = [];
  }

  /** The hellos of the first socket: frames asking for what this replica lacks (SyncStep1). */
  hellos() {
    return (this.sockets[0]?.sent ?? []).filter((f) => f[0] === 0 && f[1] === 0);
  }

  /** The largest frame the server sent on the first socket, in bytes. */
  largestReceived() {
    return Math.max(0, ...(this.sockets[0]?.received ?? []));
  }
}

/** Makes index.html's fetch of the agreement fail in `context` (the socket must bring it). */
export async function failStateFetch(context) {
  await context.route(STATE, (route) => route.abort('connectionfailed'));
}
