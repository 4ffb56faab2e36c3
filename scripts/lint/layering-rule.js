// @ts-check
/**
 * Our layering rule (after VS Code's code-layering and Signal's "classify every dependency"): the room of a file is
 * where it lives, and each room says which of our rooms it may import and which outside packages it may not. A
 * violation is an error, so `pnpm lint` fails. ARCHITECTURE.md explains the rooms; this table is the law.
 *
 *   vietnamese  packages/vietnamese/src  the leaf: Vietnam time and folding; imports nothing of ours
 *   contract    packages/contract/src    zod only: every face, the renderer included, imports it
 *   signing     packages/signing/src     a library: no room of ours but the leaf
 *   docs-core   packages/docs-core/src   owns the store: the contract and the leaf
 *   exchange    packages/exchange/src    delivery: docs-core, the contract and the leaf
 *   host        packages/host/src        the composition: every package, never a face
 *   main        apps/desktop/src/main    Electron's main process: the host, no React
 *   preload     apps/desktop/src/preload electron (renderer half) and the contract, nothing else
 *   renderer    apps/desktop/src/renderer an allowlist: React, zustand, a virtual list, the contract, the leaf; no Node
 *   cli         scripts/                 plain Node: the packages, no Electron, no React, no other face
 * Tests (packages/X/test, apps/desktop/test and e2e) may reach further (fixtures of a neighbour), never Electron or
 * React from a package's tests. packages/X/dev (dev and test code beside a library, e.g. scripts/dev-pki's PKI) is
 * for tests and scripts only: no package's src imports it.
 */
import { builtinModules } from 'node:module';
import { relative, sep } from 'node:path';

const NODE_BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
// Browser-only UI libraries the renderer may use: each is pure DOM/React, with no Node or Electron behind it.
const UI_PACKAGES = ['react', 'react-dom', 'react/jsx-runtime', 'zustand', '@tanstack/react-virtual', 'chart.js'];
// Neither UI nor Node-only: pdfjs-dist reads PDFs in the services and draws pages in the renderer (its worker a bundled file of our origin).
const RENDERER_EXTRAS = ['pdfjs-dist'];
const PACKAGES = ['vietnamese', 'contract', 'signing', 'docs-core', 'exchange', 'host'];

/** @param {string} spec @param {string} name */
const isPackage = (spec, name) => spec === name || spec.startsWith(`${name}/`);
/** @param {string} spec */
const isBuiltin = (spec) => NODE_BUILTINS.has(spec) || NODE_BUILTINS.has(spec.split('/')[0] ?? '');
/** @param {string} spec */
const isRelative = (spec) => spec.startsWith('.');
/** @param {string} spec */
const isUi = (spec) => UI_PACKAGES.some((ui) => isPackage(spec, ui));

/**
 * @typedef {{
 *   name: string,
 *   match: (path: string) => boolean,
 *   rooms: readonly string[] | 'any',
 *   check?: (spec: string) => string | null,
 * }} Room
 * `rooms`: the rooms of ours this one may import (itself always); 'any' for tests.
 */

/** @type {(spec: string) => string | null} */
const noUiNoElectron = (spec) => {
  if (isPackage(spec, 'electron')) return 'packages/* and plain-Node code know nothing of Electron';
  if (isUi(spec)) return 'packages/* and plain-Node code know nothing of React or the UI';
  return null;
};

/** @type {Room[]} */
const ROOMS = [
  {
    name: 'vietnamese',
    match: (p) => p.startsWith('packages/vietnamese/src/'),
    rooms: [],
    check: (spec) => (isRelative(spec) ? null : 'the leaf imports nothing: every room, the renderer too, loads it'),
  },
  {
    name: 'contract',
    match: (p) => p.startsWith('packages/contract/src/'),
    rooms: [],
    check: (spec) =>
      isRelative(spec) || isPackage(spec, 'zod') ? null : 'the contract imports only zod (every face, the renderer too, loads it)',
  },
  { name: 'signing', match: (p) => p.startsWith('packages/signing/src/'), rooms: ['vietnamese'], check: noUiNoElectron },
  { name: 'docs-core', match: (p) => p.startsWith('packages/docs-core/src/'), rooms: ['contract', 'vietnamese'], check: noUiNoElectron },
  { name: 'exchange', match: (p) => p.startsWith('packages/exchange/src/'), rooms: ['docs-core', 'contract', 'vietnamese'], check: noUiNoElectron },
  { name: 'host', match: (p) => p.startsWith('packages/host/src/'), rooms: PACKAGES, check: noUiNoElectron },
  { name: 'package-test', match: (p) => p.startsWith('packages/'), rooms: 'any', check: noUiNoElectron },
  {
    name: 'preload',
    match: (p) => p.startsWith('apps/desktop/src/preload/'),
    rooms: ['contract'],
    check: (spec) =>
      spec === 'electron' || isPackage(spec, '@eoffice/contract') || isRelative(spec)
        ? null
        : 'preload only bridges: it imports electron and @eoffice/contract',
  },
  {
    name: 'renderer',
    match: (p) => p.startsWith('apps/desktop/src/renderer/'),
    rooms: ['contract', 'vietnamese'],
    check: (spec) => {
      if (isBuiltin(spec)) return 'the renderer cannot use Node built-ins';
      if (isRelative(spec)) return null;
      const allowed = [...UI_PACKAGES, ...RENDERER_EXTRAS, '@eoffice/contract', '@eoffice/vietnamese', 'zod'];
      return allowed.some((name) => isPackage(spec, name))
        ? null
        : `"${spec}" is not classified for the renderer (allowed: ${allowed.join(', ')})`;
    },
  },
  {
    name: 'main',
    match: (p) => p.startsWith('apps/desktop/src/main/'),
    rooms: ['host', 'contract', 'vietnamese'],
    check: (spec) => (isUi(spec) ? 'the main process does not render' : null),
  },
  { name: 'desktop-test', match: (p) => p.startsWith('apps/desktop/'), rooms: 'any', check: (spec) => (isUi(spec) ? 'tests of the main process do not render' : null) },
  { name: 'cli', match: (p) => p.startsWith('scripts/'), rooms: PACKAGES, check: noUiNoElectron },
];

/** The room a repository path belongs to: a package's source, a face, or null (outside every room). */
function roomOfPath(/** @type {string} */ path) {
  if (path.startsWith('apps/desktop/src/')) return `desktop-${path.split('/')[3]}`;
  if (path.startsWith('scripts/')) return 'cli';
  if (/^packages\/[^/]+\/dev\//.test(path)) return 'dev-only';
  const pkg = /^packages\/([^/]+)\/src\//.exec(path)?.[1];
  return pkg ?? null;
}

/** The room of ours an import names: `@eoffice/X` or a relative path into another room. */
function importedRoom(/** @type {string} */ spec, /** @type {string | null} */ resolved) {
  if (resolved !== null) return roomOfPath(resolved);
  const workspace = /^@eoffice\/([^/]+)/.exec(spec)?.[1];
  if (!workspace) return null;
  return workspace === 'desktop' ? 'desktop' : workspace === 'cli' ? 'cli' : workspace;
}

/** @type {import('eslint').Rule.RuleModule} */
export const layeringRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports must respect the rooms of ARCHITECTURE.md' },
    messages: { bad: 'Bad layering ({{layer}}): cannot import "{{spec}}": {{why}}.' },
    schema: [],
  },
  create(context) {
    const file = relative(context.cwd, context.filename).split(sep).join('/');
    const room = ROOMS.find((r) => r.match(file));
    if (!room) return {};
    const dir = file.split('/').slice(0, -1).join('/');
    const own = roomOfPath(file);
    /** @param {any} node @param {unknown} source */
    const check = (node, source) => {
      if (typeof source !== 'string') return;
      const resolved = isRelative(source) ? normalise(`${dir}/${source}`) : null;
      const why = room.check?.(source) ?? crossing(room, own, importedRoom(source, resolved));
      if (why) context.report({ node, messageId: 'bad', data: { layer: room.name, spec: source, why } });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') {
          const [arg] = node.arguments;
          if (arg && arg.type === 'Literal') check(node, arg.value);
        }
      },
    };
  },
};

/**
 * Why importing `target` from `room` breaks a rule, or null. Faces (desktop main/preload/renderer, the CLI) never
 * import each other; nothing imports the desktop app.
 * @param {Room} room @param {string | null} own @param {string | null} target
 */
function crossing(room, own, target) {
  if (target === null || target === own) return null;
  // The desktop app's own tests try its parts.
  if (room.name === 'desktop-test' && target.startsWith('desktop-')) return null;
  if (target === 'desktop' || target.startsWith('desktop-')) return 'nothing imports the desktop app: faces compose, they are not composed';
  if (target === 'cli') return 'nothing imports the CLI: faces never import each other';
  if (target === 'dev-only') return room.rooms === 'any' || room.name === 'cli' ? null : 'packages/*/dev is dev and test code: a library never loads it';
  if (room.rooms === 'any') return null;
  return room.rooms.includes(target) ? null : `${room.name} may import only ${room.rooms.join(', ') || 'nothing of ours'}`;
}

/** @param {string} path */
function normalise(path) {
  /** @type {string[]} */
  const out = [];
  for (const part of path.split('/')) {
    if (part === '..') out.pop();
    else if (part !== '.' && part !== '') out.push(part);
  }
  return out.join('/');
}
