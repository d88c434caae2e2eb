// Checks that the stream-chat JavaScript SDK, unchanged, works against Chat.DevServer.
//
//   CHAT_BASE_URL=http://127.0.0.1:3030 CHAT_API_KEY=dev-api-key CHAT_API_SECRET=... node compat.mjs
//
// The server must run in development mode (dev tokens and GET /debug/connections). One line is
// printed per check; the exit code is 0 only when every check passed. An overall timeout ends
// the run even if the SDK or the server hangs.
import { StreamChat } from 'stream-chat';

const OVERALL_TIMEOUT_MS = Number(process.env.CHAT_COMPAT_TIMEOUT_MS ?? 60_000);
const CHECK_TIMEOUT_MS = 15_000;
const SETTLE_TIMEOUT_MS = 5_000;

const overallTimer = setTimeout(() => {
  console.log(`FAIL overall timeout: the checks did not finish within ${OVERALL_TIMEOUT_MS} ms`);
  process.exit(2);
}, OVERALL_TIMEOUT_MS);

function requiredEnv(name) {
  const value = process.env[name];
  if (!value) {
    console.log(`FAIL configuration: environment variable ${name} is not set`);
    process.exit(2);
  }
  return value;
}

const baseURL = requiredEnv('CHAT_BASE_URL').replace(/\/+$/, '');
const apiKey = requiredEnv('CHAT_API_KEY');
const apiSecret = requiredEnv('CHAT_API_SECRET');

// Unique ids let the script run more than once against the same long-running server.
const runId = `${process.pid}-${Date.now().toString(36)}`;
const userId = (name) => `compat-${name}-${runId}`;

const openClients = new Set();
let failures = 0;

function assert(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function check(name, body) {
  try {
    await withTimeout(body(), CHECK_TIMEOUT_MS, 'the check');
    console.log(`ok   ${name}`);
  } catch (error) {
    failures += 1;
    console.log(`FAIL ${name}: ${error?.message ?? error}`);
  }
}

function userClient() {
  // allowServerSideConnect: connecting from Node is the point here, not a billing mistake.
  const client = new StreamChat(apiKey, { baseURL, allowServerSideConnect: true, timeout: 5_000 });
  openClients.add(client);
  return client;
}

function serverClient() {
  return new StreamChat(apiKey, apiSecret, { baseURL, timeout: 5_000 });
}

async function debugConnections() {
  const response = await fetch(`${baseURL}/debug/connections`);
  assert(response.ok, `GET /debug/connections answered ${response.status}`);
  return await response.json();
}

async function socketsOf(id) {
  return (await debugConnections()).users[id] ?? 0;
}

/** Polls until predicate() holds, since the server sees a close a moment after the client sends it. */
async function waitFor(description, predicate) {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  let last;
  while (Date.now() < deadline) {
    last = await predicate();
    if (last === true) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${description} (still not true after ${SETTLE_TIMEOUT_MS} ms)`);
}

function nextEvent(client, type) {
  return new Promise((resolve) => {
    const subscription = client.on(type, (event) => {
      subscription.unsubscribe();
      resolve(event);
    });
  });
}

async function disconnect(client) {
  await client.disconnectUser();
  openClients.delete(client);
}

const server = serverClient();

await check('connectUser with a signed token resolves with me.total_unread_count and a connection_id', async () => {
  const alice = userId('alice');
  const client = userClient();
  const result = await client.connectUser({ id: alice, name: 'Alice' }, server.createToken(alice));
  assert(typeof result?.connection_id === 'string' && result.connection_id.length > 0, 'no connection_id in the result');
  assert(typeof result.me?.total_unread_count === 'number', `me.total_unread_count is ${result.me?.total_unread_count}`);
  assert(result.me.id === alice && result.me.name === 'Alice', `me is ${JSON.stringify(result.me)}`);
  assert(Array.isArray(result.me.mutes) && Array.isArray(result.me.channel_mutes) && Array.isArray(result.me.devices), 'me lacks its arrays');
  assert((await socketsOf(alice)) === 1, `the server counts ${await socketsOf(alice)} sockets for ${alice}`);
  await disconnect(client);
});

await check('connectUser with client.devToken(id) resolves (development mode)', async () => {
  const bob = userId('bob');
  const client = userClient();
  const result = await client.connectUser({ id: bob }, client.devToken(bob));
  assert(result?.me?.id === bob, `me is ${JSON.stringify(result?.me)}`);
  assert(client.user?.id === bob, 'the client did not take me as its user');
  await disconnect(client);
});

await check('consecutive connectUser calls for the same user open no second socket', async () => {
  const carol = userId('carol');
  const token = server.createToken(carol);
  const client = userClient();
  const warnings = [];
  const originalWarn = console.warn;
  console.warn = (...args) => warnings.push(args.join(' '));
  try {
    const first = client.connectUser({ id: carol }, token);
    const second = client.connectUser({ id: carol }, token);
    const [a, b] = await Promise.all([first, second]);
    assert(a.connection_id === b.connection_id, 'the two calls resolved with different connections');
    await client.connectUser({ id: carol }, token);
  } finally {
    console.warn = originalWarn;
  }
  assert(warnings.some((line) => line.includes('Consecutive calls to connectUser')), 'the SDK did not warn about consecutive calls');
  assert((await socketsOf(carol)) === 1, `the server counts ${await socketsOf(carol)} sockets for ${carol}`);
  await disconnect(client);
});

await check('disconnectUser() leaves zero sockets', async () => {
  const dave = userId('dave');
  const clients = [userClient(), userClient()];
  for (const client of clients) {
    await client.connectUser({ id: dave }, server.createToken(dave));
  }
  assert((await socketsOf(dave)) === 2, `the server counts ${await socketsOf(dave)} sockets for ${dave}, expected 2`);
  for (const client of clients) {
    await disconnect(client);
  }
  await waitFor(`${dave} still has open sockets`, async () => (await socketsOf(dave)) === 0);
});

await check('server-side upsertUsers creates users that connectUser returns in me, custom fields included', async () => {
  const erin = userId('erin');
  const upserted = await server.upsertUsers([{ id: erin, name: 'Erin', favorite_color: 'teal' }]);
  assert(upserted.users?.[erin]?.favorite_color === 'teal', `upsertUsers answered ${JSON.stringify(upserted)}`);
  const client = userClient();
  const result = await client.connectUser({ id: erin }, server.createToken(erin));
  assert(result.me.favorite_color === 'teal', `me.favorite_color is ${result.me.favorite_color}`);
  assert(result.me.name === 'Erin', `me.name is ${result.me.name}`);
  await disconnect(client);
});

await check('a member sees message.new with unread counts, and markRead brings them back to 0', async () => {
  const frank = userId('frank');
  const grace = userId('grace');
  await server.upsertUsers([{ id: frank }, { id: grace }]);
  const sender = userClient();
  const reader = userClient();
  await sender.connectUser({ id: frank }, server.createToken(frank));
  await reader.connectUser({ id: grace }, server.createToken(grace));

  const channelId = `compat-${runId}`.replace(/[^a-zA-Z0-9_-]/g, '-');
  const senderChannel = sender.channel('messaging', channelId, { members: [frank, grace] });
  await senderChannel.watch();
  const readerChannel = reader.channel('messaging', channelId);
  await readerChannel.watch();

  const arrived = nextEvent(reader, 'message.new');
  const sent = await senderChannel.sendMessage({ text: 'hello from the JavaScript SDK' });
  assert(sent.message?.text === 'hello from the JavaScript SDK', `sendMessage answered ${JSON.stringify(sent)}`);
  const event = await arrived;
  assert(event.message?.id === sent.message.id, 'message.new carried another message');
  assert(event.total_unread_count === 1, `message.new says total_unread_count ${event.total_unread_count}`);

  const readNotification = nextEvent(reader, 'notification.mark_read');
  await readerChannel.markRead();
  const notification = await readNotification;
  assert(notification.total_unread_count === 0, `notification.mark_read says total_unread_count ${notification.total_unread_count}`);

  await disconnect(sender);
  await disconnect(reader);
});

await check('queryChannels lists the channels of the user, newest message first', async () => {
  const heidi = userId('heidi');
  const ivan = userId('ivan');
  await server.upsertUsers([{ id: heidi }, { id: ivan }]);
  const quiet = server.channel('messaging', `quiet-${runId}`.replace(/[^a-zA-Z0-9_-]/g, '-'), { members: [heidi, ivan], created_by_id: heidi });
  await quiet.create();
  const busy = server.channel('messaging', `busy-${runId}`.replace(/[^a-zA-Z0-9_-]/g, '-'), { members: [heidi], created_by_id: heidi });
  await busy.create();
  await busy.sendMessage({ text: 'news', user_id: heidi });

  const client = userClient();
  await client.connectUser({ id: heidi }, server.createToken(heidi));
  const channels = await client.queryChannels({ members: { $in: [heidi] } }, { last_message_at: -1 });
  assert(
    channels.map((channel) => channel.cid).join(',') === [busy.cid, quiet.cid].join(','),
    `queryChannels returned ${channels.map((channel) => channel.cid).join(',')}`,
  );
  assert(channels[0].state.messages.at(-1)?.text === 'news', 'the busy channel came without its message');
  await disconnect(client);
});

await check('no socket is left open at the end', async () => {
  await waitFor('sockets are still open', async () => {
    const connections = await debugConnections();
    const mine = Object.keys(connections.users).filter((id) => id.endsWith(runId));
    return mine.length === 0;
  });
});

// Disconnect anything a failed check left behind, then exit explicitly: the SDK's HTTP agents
// keep idle sockets that would otherwise hold the process open.
await Promise.allSettled([...openClients].map((client) => client.disconnectUser()));
clearTimeout(overallTimer);
console.log(failures === 0 ? 'all compatibility checks passed' : `${failures} compatibility check(s) failed`);
process.exit(failures === 0 ? 0 : 1);
