// An ordinary Yjs client — npm `yjs` over a plain websocket, speaking y-websocket as the
// server benchmark's load tool does (tests/bench/load/client.mjs) — signed in with a demo
// participant's own link. The README promises such a client can connect and is accepted when it
// writes the agreement as Samråd does: it syncs the agreement, writes a remark the way the app
// does and the server stores it (its state vector passes the write); a remark it writes under
// another participant's name is refused with 1008 and its reason, and nothing of it is stored.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { Client } from '../../bench/load/client.mjs';

/** Signs in as the sign-in page's button does: the link's token posted from the same origin. */
async function signIn(base, link) {
  const token = link.split('/').pop();
  const response = await fetch(`${base}/join`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin: base,
      'sec-fetch-site': 'same-origin',
    },
    body: new URLSearchParams({ token }),
  });
  assert.equal(response.status, 303, 'the link is redeemed');
  const cookie = response.headers.getSetCookie()[0].split(';')[0];
  const agreement = response.headers.get('location').split('/').pop();
  const session = await fetch(`${base}/api/session`, { headers: { cookie } });
  const { participant } = await session.json();
  return { cookie, participant, agreement };
}

const until = async (what, ok, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

function client(server, who, index, writes = null) {
  const stats = { framesIn: 0, presenceIn: 0, closes: {}, measuring: false, stopping: false };
  const ws = server.base.replace(/^http/, 'ws');
  return new Client(
    {
      index,
      agreement: who.agreement,
      url: `${ws}/sync/${who.agreement}`,
      headers: { cookie: who.cookie, origin: server.base },
      participant: who.participant,
      writes,
      acks: true,
      peers: 0,
    },
    stats,
  );
}

test('an ordinary Yjs client connects, writes as Samråd does and is refused when it forges', async () => {
  const server = await startServer();
  try {
    const member = await signIn(server.base, server.links.member.url);
    const coordinator = await signIn(server.base, server.links.coordinator.url);

    const honest = client(server, member, 1, 'remark');
    await honest.connect();
    assert.ok(honest.doc.getMap('clauses').size > 0, 'the agreement arrived');
    honest.prepare();
    await until('the server stores the remark', () => honest.pendingAcks.length === 0);
    assert.equal(honest.closed, null, 'the honest client stays connected');

    // The same person, on a second connection, writes a remark in the coordinator's name.
    const forger = client(server, member, 2);
    await forger.connect();
    const remarks = forger.doc.getMap('remarks');
    const YMap = remarks.constructor;
    const clause = [...forger.doc.getMap('clauses').keys()].sort()[0];
    let reason = '';
    forger.ws.on('close', (_code, why) => { reason = String(why); });
    forger.send(() => {
      remarks.set('r-forged', new YMap([
        ['clause', clause],
        ['author', coordinator.participant.id],
        ['author_name', coordinator.participant.name],
        ['organisation', coordinator.participant.organisation],
        ['role', 'coordinator'],
        ['body', 'Skriven i någon annans namn.'],
        ['created_ms', Date.now()],
        ['kind', 'comment'],
      ]));
    });
    await until('the forger is closed', () => forger.closed !== null);
    assert.equal(forger.closed, 1008, `closed 1008 with a reason, was ${forger.closed} ${reason}`);
    assert.ok(reason.length > 0, 'the close says why');
    assert.equal(honest.closed, null, 'the honest connection carries on');

    // A fresh connection loads what the server stored: the honest remark, not the forged one.
    const fresh = client(server, member, 3);
    await fresh.connect();
    const stored = fresh.doc.getMap('remarks');
    const [honestId] = [...honest.doc.getMap('remarks').entries()].find(([, v]) => v === honest.remark);
    assert.ok(stored.has(honestId), 'the honest remark is stored');
    assert.ok(!stored.has('r-forged'), 'nothing of the forged remark is stored');
    for (const c of [honest, fresh]) c.close();
  } finally {
    await server.stop();
  }
});
