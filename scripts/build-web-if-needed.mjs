// Builds the web interface when web/dist is missing or older than any source file, so that
// `npm start` serves the current interface without a separate build step.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const dist = path.join(root, 'web', 'dist', 'index.html');

function newest(dir) {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs);
  }
  return latest;
}

const sources = [
  path.join(root, 'web', 'src'),
  path.join(root, 'web', 'public'),
  path.join(root, 'contract', 'src'),
].filter((dir) => fs.existsSync(dir));
const extra = ['web/index.html', 'web/vite.config.ts', 'web/package.json', 'web/tsconfig.json']
  .map((f) => path.join(root, f))
  .filter((f) => fs.existsSync(f));
const sourceTime = Math.max(...sources.map(newest), ...extra.map((f) => fs.statSync(f).mtimeMs));
const built = fs.existsSync(dist) ? fs.statSync(dist).mtimeMs : 0;

if (built < sourceTime) {
  console.log('Building the web interface (web/dist)…');
  execSync('npm run build -w web', { cwd: root, stdio: 'inherit' });
}
