// npm run deploy: build dist/, push it with clasp, then create or update the web-app deployment.
// The deployment id is kept in .deployment-id (commit it) so the approval links' URL stays stable.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAll } from './build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const clasp = (...args) => execFileSync('npx', ['-y', '@google/clasp@3', ...args], { cwd: root, encoding: 'utf8', stdio: ['inherit', 'pipe', 'inherit'] });

const claspJson = JSON.parse(readFileSync(path.join(root, '.clasp.json'), 'utf8'));
if (!claspJson.scriptId || claspJson.scriptId.startsWith('REPLACE')) {
  console.error('Set scriptId in .clasp.json first (see README, "Deploy to Google").');
  process.exit(1);
}
await buildAll();
process.stdout.write(clasp('push', '--force'));
const idFile = path.join(root, '.deployment-id');
const description = `Siaran ${new Date().toISOString()}`;
if (existsSync(idFile)) {
  const id = readFileSync(idFile, 'utf8').trim();
  process.stdout.write(clasp('deploy', '--deploymentId', id, '--description', description));
  console.log(`Updated web-app deployment ${id}. Its /exec URL is unchanged.`);
} else {
  const out = clasp('deploy', '--description', description);
  process.stdout.write(out);
  const m = /(AKfy[\w-]+)/.exec(out);
  if (m) {
    writeFileSync(idFile, `${m[1]}\n`);
    console.log(`Created web-app deployment ${m[1]} (saved in .deployment-id).`);
    console.log(`Web app URL: https://script.google.com/macros/s/${m[1]}/exec`);
  }
}
