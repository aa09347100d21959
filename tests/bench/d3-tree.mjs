// d3-tree.mjs — d3-hierarchy's tree() on a downline, for bench-layout's
// comparison: node d3-tree.mjs FILE, where FILE has "id,parent" lines
// (parent 0 for the root), parents before their recruits.  Prints the
// median of five runs of stratify-free hierarchy building plus tree(),
// in milliseconds, as the last line.
// SPDX-License-Identifier: GPL-3.0-or-later
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

// found through NODE_PATH or the working folder's node_modules
const require = createRequire(process.cwd() + '/');
const { hierarchy, tree } = await import(pathToFileURL(require.resolve('d3-hierarchy')).href);

const lines = readFileSync(process.argv[2], 'utf8').split('\n');
const nodes = new Map();
let root = null;
for (const line of lines) {
  if (!line) continue;
  const [id, parent] = line.split(',').map(Number);
  const node = { id, children: [] };
  nodes.set(id, node);
  if (parent === 0) root = node;
  else nodes.get(parent).children.push(node);
}

const times = [];
for (let r = 0; r < 5; r++) {
  const start = process.hrtime.bigint();
  const h = hierarchy(root, (d) => (d.children.length ? d.children : null));
  tree().nodeSize([1, 1])(h);
  times.push(Number(process.hrtime.bigint() - start) / 1e6);
}
times.sort((a, b) => a - b);
console.log(times[2].toFixed(1));
