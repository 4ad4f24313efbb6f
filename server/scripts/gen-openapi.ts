import fs from 'node:fs';
import path from 'node:path';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openApiDocument } from '../src/plugins/openapi.ts';

/** Writes docs/openapi.json from the routes themselves; never edit the output by hand. */
const config = loadConfig({}, { sqliteFile: ':memory:', webDist: null, logLevel: 'silent' });
const { app } = await buildApp(config, { logger: false });
const target = path.resolve(import.meta.dirname, '../../docs/openapi.json');
fs.writeFileSync(target, `${JSON.stringify(openApiDocument(app), null, 2)}\n`);
await app.close();
console.log(`wrote ${path.relative(process.cwd(), target)}`);
