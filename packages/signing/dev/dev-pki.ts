import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import { at, currentCrl, ensurePki, listenLoopback, ocspReply, readBody, tsaReply } from './small-pki.js';

/**
 * `scripts/dev-pki`: the demo's small PKI, so it can sign PAdES B-T and add B-LTA (issue 16).
 *   init  [--dir D] [--port P]  makes (once) a CA whose certificates point at http://127.0.0.1:P, a TSA and an
 *                               OCSP responder certificate; prints one JSON object describing them.
 *   serve [--dir D] [--port P]  answers on that port, in the foreground until Ctrl-C: POST /tsa (RFC 3161, by
 *                               `openssl ts -reply`), POST /ocsp and GET /ocsp/<base64> (RFC 6960, by `openssl ocsp`
 *                               over index.txt), GET /ca.crl (by `openssl ca -gencrl`).
 * The port is part of the certificates (AIA, CDP), so it is fixed by init and serve checks it. The dev token's
 * signing certificates come from this CA with `scripts/dev-token <dir> --pki D`.
 */
const DEFAULT_DIR = '/tmp/eoffice-dev-pki';
const DEFAULT_PORT = 8790;

interface PkiDescription {
  readonly dir: string;
  readonly port: number;
  readonly tsaUrl: string;
  readonly ocspUrl: string;
  readonly crlUrl: string;
  readonly rootCert: string;
  readonly caConfig: string;
}

class UsageError extends Error {}

function usage(message?: string): never {
  throw new UsageError(
    `${message ? `${message}\n` : ''}Cách dùng / usage: scripts/dev-pki init [--dir D] [--port P] | scripts/dev-pki serve [--dir D] [--port P]`,
  );
}

function parse(args: readonly string[]): { command: 'init' | 'serve'; dir: string; port: number | null } {
  const [command, ...rest] = args;
  if (command !== 'init' && command !== 'serve') usage();
  let dir = DEFAULT_DIR;
  let port: number | null = null;
  for (let i = 0; i < rest.length; i += 2) {
    const value = rest[i + 1];
    if (value === undefined) usage(`Thiếu giá trị / missing value: ${rest[i]}`);
    if (rest[i] === '--dir') dir = value;
    else if (rest[i] === '--port') {
      port = Number(value);
      if (!Number.isInteger(port) || port < 1 || port > 65535) usage(`Cổng không hợp lệ / bad port: ${value}`);
    } else usage(`Tham số lạ / unknown option: ${rest[i]}`);
  }
  return { command, dir: path.resolve(dir), port };
}

function describe(dir: string, port: number): PkiDescription {
  const base = `http://127.0.0.1:${port}`;
  return { dir, port, tsaUrl: `${base}/tsa`, ocspUrl: `${base}/ocsp`, crlUrl: `${base}/ca.crl`, rootCert: at(dir, 'root.pem'), caConfig: at(dir, 'ca.cnf') };
}

/** Idempotent: a finished folder is read back; one made for another port is refused (its certificates name that port). */
function init(dir: string, port: number | null): PkiDescription {
  const file = at(dir, 'pki.json');
  if (existsSync(file)) {
    const made = JSON.parse(readFileSync(file, 'utf8')) as PkiDescription;
    if (port !== null && port !== made.port) {
      usage(`${dir} đã làm cho cổng ${made.port}, chứng thư ghi cổng đó; dùng thư mục khác / ${dir} was made for port ${made.port}, which its certificates name; use another folder`);
    }
    return made;
  }
  const description = describe(dir, port ?? DEFAULT_PORT);
  ensurePki(dir, description, {
    root: '/C=VN/O=E-Office Demo/CN=E-Office Demo PKI Root CA',
    tsa: '/C=VN/O=E-Office Demo/CN=E-Office Demo TSA',
    ocsp: '/C=VN/O=E-Office Demo/CN=E-Office Demo OCSP',
  });
  // Written last: its presence means every file above is complete.
  writeFileSync(file, `${JSON.stringify(description, null, 2)}\n`);
  return description;
}

type Answer = { status: number; type: string; body: Buffer };

function answerer(dir: string): (request: IncomingMessage) => Promise<Answer> {
  let counter = 0;
  // Each request's file lives only while openssl reads it: requests are not kept.
  const withFile = <T>(suffix: string, content: Buffer, use: (file: string) => T): T => {
    counter += 1;
    const file = at(dir, `request-${process.pid}-${counter}.${suffix}`);
    writeFileSync(file, content);
    try {
      return use(file);
    } finally {
      rmSync(file, { force: true });
      rmSync(`${file}.out`, { force: true });
    }
  };
  const ocsp = (request: Buffer): Answer => ({
    status: 200,
    type: 'application/ocsp-response',
    body: withFile('ocsp', request, (file) => ocspReply(dir, file, `${file}.out`)),
  });
  return async (request) => {
    const url = request.url ?? '';
    const body = await readBody(request);
    if (request.method === 'POST' && url === '/tsa') {
      if (request.headers['content-type'] !== 'application/timestamp-query') {
        return { status: 415, type: 'text/plain', body: Buffer.from('expected application/timestamp-query\n') };
      }
      return { status: 200, type: 'application/timestamp-reply', body: withFile('tsq', body, (file) => tsaReply(dir, file)) };
    }
    if (request.method === 'POST' && url === '/ocsp') return ocsp(body);
    if (request.method === 'GET' && url.startsWith('/ocsp/')) return ocsp(Buffer.from(decodeURIComponent(url.slice('/ocsp/'.length)), 'base64'));
    if (request.method === 'GET' && url === '/ca.crl') return { status: 200, type: 'application/pkix-crl', body: currentCrl(dir) };
    return { status: 404, type: 'text/plain', body: Buffer.from('not found\n') };
  };
}

async function serve(description: PkiDescription): Promise<void> {
  const answer = answerer(description.dir);
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    void answer(request).then(
      ({ status, type, body }) => {
        process.stderr.write(`${request.method} ${request.url} ${status}\n`);
        response.writeHead(status, { 'content-type': type, 'content-length': body.length });
        response.end(body);
      },
      (error: unknown) => {
        // openssl's own message (it holds no secret: the keys are files, there are no passwords).
        const reason = error instanceof Error && 'stderr' in error ? String(error.stderr) : String(error);
        process.stderr.write(`${request.method} ${request.url} 500: ${reason.trim()}\n`);
        response.writeHead(500, { 'content-type': 'text/plain' });
        response.end('openssl failed\n');
      },
    );
  });
  await listenLoopback(server, description.port);
  const { dir, tsaUrl, ocspUrl, crlUrl, rootCert } = description;
  process.stdout.write(
    [
      `TSA=${tsaUrl}`,
      `OCSP=${ocspUrl}`,
      `CRL=${crlUrl}`,
      'Dùng với eoffice / use with eoffice:',
      `  scripts/dev-token /tmp/tok --pki ${dir}     # chứng thư token do CA này cấp / token certificates from this CA`,
      `  pnpm --silent eoffice sign in.pdf --out bt.pdf <khóa / key> --tsa ${tsaUrl}`,
      `  pnpm --silent eoffice ltv add bt.pdf --out lta.pdf --tsa ${tsaUrl} --trust ${rootCert}`,
      `  pnpm --silent eoffice verify lta.pdf --trust ${rootCert} --json`,
      'Ctrl-C để dừng / Ctrl-C stops.',
      '',
    ].join('\n'),
  );
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      server.close(() => resolve());
      server.closeAllConnections();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

async function main(args: readonly string[]): Promise<void> {
  const { command, dir, port } = parse(args);
  if (command === 'init') {
    process.stdout.write(`${JSON.stringify(init(dir, port))}\n`);
    return;
  }
  await serve(init(dir, port));
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') {
    process.stderr.write(`Cổng đang bận / port in use: ${String((error as NodeJS.ErrnoException & { port?: number }).port ?? '')}\n`);
  } else {
    const stderr = error instanceof Error && 'stderr' in error ? String(error.stderr).trim() : '';
    process.stderr.write(`dev-pki: ${error instanceof Error ? error.message : String(error)}${stderr ? `\n${stderr}` : ''}\n`);
  }
  process.exit(1);
});
