import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.js';
import { fixedRuleSet } from '../../src/reload/rule-set-source.js';
import { WEB_PAGE_DIRECTORY, WEB_PAGE_SECURITY_POLICY } from '../../src/web/web-page.js';
import { bundledRuleSet } from '../support/rule-sets.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ASSETS = `${WEB_PAGE_DIRECTORY}assets/`;
const app = createApp(fixedRuleSet(bundledRuleSet()));

describe('the page is served by the service itself', () => {
  it.each([
    ['/', 'text/html'],
    ['/assets/main.js', 'text/javascript'],
    ['/assets/page.css', 'text/css'],
  ])('GET %s is %s, with the content security policy that keeps the page off the internet', async (path, type) => {
    const response = await request(app).get(path);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain(type);
    expect(response.headers['content-security-policy']).toBe(WEB_PAGE_SECURITY_POLICY);
    expect(WEB_PAGE_SECURITY_POLICY).toContain("default-src 'self'");
  });

  it.each(['/assets/nothing.js', '/assets/../web-page.ts', '/index.html/x'])("GET %s is the API's 404 problem, not a file", async (path) => {
    const response = await request(app).get(path);
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it('the API routes still answer beside the page', async () => {
    expect((await request(app).get('/health')).body.status).toBe('ok');
  });

  it('is found in src/web/public, from src (tests, tsx) and from dist (npm start) alike', () => {
    expect(WEB_PAGE_DIRECTORY).toBe(`${ROOT}src/web/public/`);
  });
});

describe("the page's files", () => {
  const files = readdirSync(ASSETS)
    .map((name) => `assets/${name}`)
    .concat('index.html');
  const text = (file: string) => readFileSync(`${WEB_PAGE_DIRECTORY}${file}`, 'utf8');

  it.each(files)('%s names no address outside the service (no CDN, no web fonts)', (file) => {
    expect(text(file)).not.toMatch(/(https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}/i);
  });

  it.each(files.filter((file) => file.endsWith('.js')))('%s imports only modules that exist beside it', (file) => {
    const imported = [...text(file).matchAll(/from '\.\/([^']+)'/g)].map((match) => `assets/${match[1]}`);
    for (const module of imported) expect(files).toContain(module);
  });

  it('type-check as browser code (tsconfig.web.json: DOM, checkJs, strict)', () => {
    const checked = spawnSync(process.execPath, [`${ROOT}node_modules/typescript/bin/tsc`, '-p', 'tsconfig.web.json'], { cwd: ROOT, encoding: 'utf8' });
    expect(checked.stdout + checked.stderr).toBe('');
    expect(checked.status).toBe(0);
  });
});
