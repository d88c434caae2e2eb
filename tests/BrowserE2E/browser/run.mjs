// Drives Debian's Chromium through one "is there only one WebSocket?" session of a chat app:
// navigate to and from the chat page, reload on it, and record every socket the page opens and
// closes (CDP Network.webSocketCreated / webSocketClosed) next to the server's /debug/connections.
// Usage: node run.mjs <config.json> <result.json>. The config is written by tests/BrowserE2E.
import { chromium } from 'playwright-core';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [configPath, resultPath] = process.argv.slice(2);
if (!configPath || !resultPath) {
  console.error('usage: node run.mjs <config.json> <result.json>');
  process.exit(2);
}

const config = JSON.parse(await readFile(configPath, 'utf8'));
for (const key of ['chromium', 'appUrl', 'debugUrl', 'userId', 'visits', 'reloadAfterVisits', 'screenshotDirectory', 'label']) {
  if (config[key] === undefined) {
    console.error(`config ${configPath} has no "${key}"`);
    process.exit(2);
  }
}

// Long enough for a cold WebAssembly start on a busy 2-core machine.
const stepTimeoutMs = 30000;
// A socket that a navigation closes or opens does so within milliseconds on loopback; a step is
// over when no socket event arrived for this long.
const quietMs = 500;
const pendingStates = new Set(['connecting', 'reconnecting', 'disconnected', 'disconnecting']);

const userDataDirectory = await mkdtemp(join(tmpdir(), 'chat-browser-profile-'));
await mkdir(config.screenshotDirectory, { recursive: true });

// Only loopback traffic: these flags keep Chromium from calling home, which this network refuses.
const context = await chromium.launchPersistentContext(userDataDirectory, {
  executablePath: config.chromium,
  headless: true,
  args: [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
  ],
  viewport: { width: 900, height: 600 },
});

const sockets = [];
const socketsById = new Map();
const steps = [];
const pageErrors = [];
let open = 0;
let maxOpen = 0;
let lastSocketEvent = Date.now();

try {
  const page = context.pages()[0] ?? await context.newPage();
  page.on('pageerror', error => pageErrors.push(String(error)));
  page.on('console', message => { if (message.type() === 'error') pageErrors.push(message.text()); });

  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  cdp.on('Network.webSocketCreated', ({ requestId, url }) => {
    const socket = { url: new URL(url).pathname, createdAt: Date.now(), closedAt: null, closedBy: null, firstFrame: null };
    sockets.push(socket);
    socketsById.set(requestId, socket);
    open += 1;
    maxOpen = Math.max(maxOpen, open);
    lastSocketEvent = Date.now();
  });
  cdp.on('Network.webSocketFrameReceived', ({ requestId, response }) => {
    const socket = socketsById.get(requestId);
    if (socket && socket.firstFrame === null) {
      try {
        const event = JSON.parse(response.payloadData);
        socket.firstFrame = event.type + (event.error ? ` ${event.error.code}` : '');
      } catch {
        socket.firstFrame = 'unreadable';
      }
    }
  });
  const close = (socket, how) => {
    if (socket.closedAt === null) {
      socket.closedAt = Date.now();
      socket.closedBy = how;
      open -= 1;
      lastSocketEvent = Date.now();
    }
  };
  cdp.on('Network.webSocketClosed', ({ requestId }) => {
    const socket = socketsById.get(requestId);
    if (socket) {
      close(socket, 'close');
    }
  });
  // A reload discards the old document with its sockets, and CDP reports no webSocketClosed for
  // them: the new document's commit is when they are gone (client-side navigation commits nothing).
  await cdp.send('Page.enable');
  cdp.on('Page.frameNavigated', ({ frame }) => {
    if (frame.parentId === undefined) {
      for (const socket of sockets) {
        close(socket, 'document unloaded');
      }
    }
  });

  const settle = async () => {
    const started = Date.now();
    while (Date.now() - Math.max(started, lastSocketEvent) < quietMs) {
      if (Date.now() - started > stepTimeoutMs) {
        throw new Error(`sockets kept opening or closing for ${stepTimeoutMs} ms`);
      }
      await new Promise(resolve => setTimeout(resolve, 50));
    }
  };

  const serverConnections = async () => {
    const response = await fetch(config.debugUrl);
    if (!response.ok) {
      throw new Error(`${config.debugUrl} answered ${response.status}`);
    }
    const body = await response.json();
    return body.users?.[config.userId] ?? 0;
  };

  const record = async (action, badge) => {
    await settle();
    steps.push({ action, badge, openSockets: open, serverConnections: await serverConnections() });
  };

  const waitForChatPage = async () => {
    await page.waitForFunction(
      pending => {
        const badge = document.querySelector('#chat-state');
        return badge !== null && !pending.includes(badge.dataset.state);
      },
      [...pendingStates],
      { timeout: stepTimeoutMs });
    return page.evaluate(() => {
      const badge = document.querySelector('#chat-state');
      const unread = document.querySelector('#chat-unread');
      return { state: badge.dataset.state, text: badge.textContent.trim(), unread: unread?.textContent.trim() ?? null };
    });
  };

  const screenshot = name => page.screenshot({ path: join(config.screenshotDirectory, `${config.label}-${name}.png`) });

  await page.goto(config.appUrl, { timeout: stepTimeoutMs });
  await page.waitForSelector('#home', { timeout: stepTimeoutMs });
  await record('open home', null);

  let firstErrorShown = false;
  let reloads = 0;
  for (let visit = 1; visit <= config.visits; visit++) {
    await page.click('#nav-chat', { timeout: stepTimeoutMs });
    let badge = await waitForChatPage();
    await record(`visit ${visit}`, badge);
    if (!firstErrorShown && badge.state.startsWith('error')) {
      firstErrorShown = true;
      await screenshot('chat-first-error');
    }

    if (config.reloadAfterVisits.includes(visit)) {
      reloads += 1;
      await page.reload({ timeout: stepTimeoutMs });
      badge = await waitForChatPage();
      await record(`reload ${reloads}`, badge);
    }

    if (visit === config.visits) {
      await screenshot('chat-last-visit');
    }

    await page.click('#nav-home', { timeout: stepTimeoutMs });
    await page.waitForSelector('#home', { timeout: stepTimeoutMs });
    await record(`leave ${visit}`, null);
  }
} catch (error) {
  pageErrors.push(`driver: ${error?.stack ?? error}`);
  process.exitCode = 1;
} finally {
  await context.close();
  await rm(userDataDirectory, { recursive: true, force: true });
  await writeFile(resultPath, JSON.stringify({ steps, sockets, maxOpen, finalOpen: open, pageErrors }, null, 2));
}
