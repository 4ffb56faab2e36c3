// @ts-check
/**
 * Our layering rule (after VS Code's code-layering and Signal's "classify every dependency"): the layer of a file
 * is where it lives, and each layer says what it may import. A violation is an error, so `pnpm lint` fails.
 *
 *   contract   packages/contract     zod only: every face, the renderer included, imports it
 *   package    packages/*            no Electron, React or DOM; Node built-ins are fine
 *   node       apps/desktop/src/node and scripts/  services composed in plain Node: no Electron, no React
 *   main       apps/desktop/src/main  Electron's main process: no React
 *   preload    apps/desktop/src/preload  electron (renderer half) and the contract, nothing else
 *   renderer   apps/desktop/src/renderer  an allowlist: React, zustand, the contract; no Node built-ins, no services
 */
import { builtinModules } from 'node:module';
import { relative, sep } from 'node:path';

const NODE_BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
const UI_PACKAGES = ['react', 'react-dom', 'react/jsx-runtime', 'zustand'];

/** @param {string} spec @param {string} name */
const isPackage = (spec, name) => spec === name || spec.startsWith(`${name}/`);
/** @param {string} spec */
const isBuiltin = (spec) => NODE_BUILTINS.has(spec) || NODE_BUILTINS.has(spec.split('/')[0] ?? '');
/** @param {string} spec */
const isRelative = (spec) => spec.startsWith('.');

/**
 * @typedef {{ name: string, match: (path: string) => boolean,
 *   check: (spec: string, resolvedPath: string | null) => string | null }} Layer
 * @type {Layer[]}
 */
const LAYERS = [
  {
    name: 'contract',
    match: (p) => p.startsWith('packages/contract/src/'),
    check: (spec) =>
      isRelative(spec) || isPackage(spec, 'zod') ? null : 'the contract imports only zod (every face, the renderer too, loads it)',
  },
  {
    name: 'package',
    match: (p) => p.startsWith('packages/'),
    check: (spec) => {
      if (isPackage(spec, 'electron')) return 'packages/* know nothing of Electron';
      if (UI_PACKAGES.some((ui) => isPackage(spec, ui))) return 'packages/* know nothing of React or the UI';
      return null;
    },
  },
  {
    name: 'preload',
    match: (p) => p.startsWith('apps/desktop/src/preload/'),
    check: (spec) =>
      spec === 'electron' || isPackage(spec, '@eoffice/contract') || isRelative(spec)
        ? null
        : 'preload only bridges: it imports electron and @eoffice/contract',
  },
  {
    name: 'renderer',
    match: (p) => p.startsWith('apps/desktop/src/renderer/'),
    check: (spec, resolved) => {
      if (isBuiltin(spec)) return 'the renderer cannot use Node built-ins';
      if (isRelative(spec)) {
        return resolved && !resolved.startsWith('apps/desktop/src/renderer/')
          ? 'the renderer imports only renderer files and the contract'
          : null;
      }
      const allowed = [...UI_PACKAGES, '@eoffice/contract', 'zod'];
      return allowed.some((name) => isPackage(spec, name))
        ? null
        : `"${spec}" is not classified for the renderer (allowed: ${allowed.join(', ')})`;
    },
  },
  {
    name: 'main',
    match: (p) => p.startsWith('apps/desktop/src/main/'),
    check: (spec) => (UI_PACKAGES.some((ui) => isPackage(spec, ui)) ? 'the main process does not render' : null),
  },
  {
    name: 'node',
    match: (p) => p.startsWith('apps/desktop/src/node/') || p.startsWith('scripts/') || p.startsWith('apps/desktop/test/'),
    check: (spec) => {
      if (isPackage(spec, 'electron')) return 'plain-Node code (web host, CLI, services) cannot import Electron';
      if (UI_PACKAGES.some((ui) => isPackage(spec, ui))) return 'plain-Node code does not render';
      return null;
    },
  },
];

/** @type {import('eslint').Rule.RuleModule} */
export const layeringRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports must respect the layers of DESIGN.md §1' },
    messages: { bad: 'Bad layering ({{layer}}): cannot import "{{spec}}": {{why}}.' },
    schema: [],
  },
  create(context) {
    const file = relative(context.cwd, context.filename).split(sep).join('/');
    const layer = LAYERS.find((l) => l.match(file));
    if (!layer) return {};
    const dir = file.split('/').slice(0, -1).join('/');
    /** @param {any} node @param {unknown} source */
    const check = (node, source) => {
      if (typeof source !== 'string') return;
      const resolved = isRelative(source) ? normalise(`${dir}/${source}`) : null;
      const why = layer.check(source, resolved);
      if (why) context.report({ node, messageId: 'bad', data: { layer: layer.name, spec: source, why } });
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
