/**
 * One headless Debian Chromium per batch, driven over the DevTools protocol on a pipe
 * (`--remote-debugging-pipe`: JSON messages ended by NUL on fds 3 and 4; no WebSocket, no port,
 * no puppeteer), with a fresh profile directory removed on close. Used to run plotly.js and to
 * print SVG charts as vector PDFs.
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CHROMIUM = process.env.ZOO_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--remote-debugging-pipe',
];
/** How long one DevTools command may take before the batch is given up (a hung browser). */
const COMMAND_TIMEOUT_MS = 60_000;

/** True when the Chromium binary can be run, else why not. */
export async function chromiumAvailable() {
  try {
    await access(CHROMIUM, constants.X_OK);
    return true;
  } catch {
    return `no Chromium at ${CHROMIUM} (set ZOO_CHROMIUM)`;
  }
}

/**
 * One headless Chromium driven over `--remote-debugging-pipe`. `send` resolves with the
 * command's result or rejects with its error, a timeout or the browser's exit.
 */
export async function startBrowser() {
  const profile = await mkdtemp(join(tmpdir(), 'zoo-chromium-'));
  const child = spawn(CHROMIUM, [...CHROMIUM_FLAGS, `--user-data-dir=${profile}`, 'about:blank'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const pending = new Map();
  let nextId = 0;
  let buffered = Buffer.alloc(0);
  let exited = null;
  const failAll = (error) => {
    for (const { reject, timer } of pending.values()) {
      clearTimeout(timer);
      reject(error);
    }
    pending.clear();
  };
  child.stdio[4].on('data', (chunk) => {
    buffered = Buffer.concat([buffered, chunk]);
    for (let end = buffered.indexOf(0); end >= 0; end = buffered.indexOf(0)) {
      const message = JSON.parse(buffered.subarray(0, end).toString('utf8'));
      buffered = buffered.subarray(end + 1);
      const waiter = pending.get(message.id);
      if (!waiter) continue;
      pending.delete(message.id);
      clearTimeout(waiter.timer);
      if (message.error) waiter.reject(new Error(`${message.error.message} (${waiter.method})`));
      else waiter.resolve(message.result);
    }
  });
  child.on('error', (error) => {
    exited = error;
    failAll(error);
  });
  child.on('exit', (code, signal) => {
    exited = new Error(`chromium exited (${signal ?? code}): ${stderr.trim().slice(-500)}`);
    failAll(exited);
  });
  const send = (method, params = {}, sessionId = undefined) => {
    if (exited) return Promise.reject(exited);
    const id = ++nextId;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`chromium did not answer ${method} within ${COMMAND_TIMEOUT_MS} ms`));
      }, COMMAND_TIMEOUT_MS);
      pending.set(id, { resolve, reject, timer, method });
      child.stdio[3].write(`${JSON.stringify({ id, method, params, sessionId })}\0`);
    });
  };
  const close = async () => {
    if (!exited) {
      const gone = new Promise((resolve) => child.once('exit', resolve));
      await send('Browser.close').catch(() => {});
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await gone;
      clearTimeout(timer);
    }
    await rm(profile, { recursive: true, force: true });
  };
  return { send, close };
}

/**
 * A new tab; returns `{ sessionId, evaluate(expression) }`: `evaluate` awaits a promise the
 * expression gives and returns its value (JSON), or throws the page's exception.
 */
export async function openTab(browser) {
  const { targetId } = await browser.send('Target.createTarget', { url: 'about:blank' });
  const { sessionId } = await browser.send('Target.attachToTarget', { targetId, flatten: true });
  const evaluate = async (expression) => {
    const { result, exceptionDetails } = await browser.send(
      'Runtime.evaluate',
      { expression, awaitPromise: true, returnByValue: true },
      sessionId,
    );
    if (exceptionDetails) {
      throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
    }
    return result.value;
  };
  return { sessionId, evaluate };
}

/**
 * A printer of SVG charts: `print(svg, width, height)` resolves to a one-page vector PDF
 * (Buffer) whose page is `width` x `height` points, the SVG's CSS pixels drawn one per point,
 * so that the PDF rasterised at 72 dpi is the chart at device pixel ratio 1.
 */
export async function openPrinter(browser) {
  const tab = await openTab(browser);
  await browser.send('Page.enable', {}, tab.sessionId);
  const print = async (svg, width, height) => {
    // Scaled by CSS from its viewBox (added when the engine wrote none) to the page.
    const viewBox = /<svg[^>]*\sviewBox=/.test(svg) ? '' : ` viewBox="0 0 ${width} ${height}"`;
    const sized = svg.replace(
      /<svg\b/,
      `<svg${viewBox} style="display:block;width:${width}pt;height:${height}pt"`,
    );
    const html = `<!DOCTYPE html><html><head><style>@page{size:${width}pt ${height}pt;margin:0}html,body{margin:0;padding:0}</style></head><body>${sized}</body></html>`;
    await tab.evaluate(
      `document.open(); document.write(${JSON.stringify(html)}); document.close(); document.fonts.ready.then(() => true)`,
    );
    const { data } = await browser.send(
      'Page.printToPDF',
      {
        printBackground: true,
        preferCSSPageSize: true,
        marginTop: 0,
        marginBottom: 0,
        marginLeft: 0,
        marginRight: 0,
      },
      tab.sessionId,
    );
    return Buffer.from(data, 'base64');
  };
  return { print };
}

/**
 * Runs `work(printer)` with a printer that starts its Chromium on the first print (most batches
 * print nothing) and closes it afterwards.
 */
export async function withPrinter(work) {
  const printer = lazyPrinter();
  try {
    return await work(printer);
  } finally {
    await printer.close();
  }
}

/** A printer that starts its Chromium on the first print: `{ print(svg, width, height), close() }`. */
function lazyPrinter() {
  let started = null;
  return {
    async print(svg, width, height) {
      started ??= (async () => {
        const browser = await startBrowser();
        return { browser, printer: await openPrinter(browser) };
      })();
      const { printer } = await started;
      return printer.print(svg, width, height);
    },
    async close() {
      if (!started) return;
      const { browser } = await started.catch(() => ({}));
      await browser?.close();
    },
  };
}
