// The Content-Security-Policy (issue 12): index.html allows only the
// site's own files, no inline script and no inline style; the app runs
// under it with no violation on any page, and a script slipped into the
// page does not run.
'use strict';
const fs = require('fs');
const path = require('path');
const { test, expect } = require('@playwright/test');
const { DIST } = require('./playwright.config');
const h = require('./helpers');

const PAGES = [...h.PATHS, '/targets/T1', '/targets/T3', '/targets/T5', '/units/htx-1', '/report', '/present'];

// Every violation the page reports, from before the app's first script.
async function recordViolations(context) {
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
}

function policyOf(html) {
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html);
  expect(meta, 'a Content-Security-Policy meta tag').not.toBeNull();
  return Object.fromEntries(
    meta[1]
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name, sources]),
  );
}

test.describe('content security policy', () => {
  test('the built page has a policy with no inline script, no inline style and no other origin', async () => {
    const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
    const policy = policyOf(html);
    expect(policy['default-src']).toEqual(["'self'"]);
    expect(policy['script-src']).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(policy['style-src']).toEqual(["'self'"]);
    expect(policy['object-src']).toEqual(["'none'"]);
    for (const [name, sources] of Object.entries(policy)) {
      for (const source of sources) {
        expect(source, `${name} allows only keywords`).toMatch(/^'[a-z-]+'$/);
        expect(source, name).not.toMatch(/^'(unsafe-inline|unsafe-eval|unsafe-hashes|strict-dynamic)'$/);
      }
    }
    // The policy comes before any script, and no script is inline.
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'));
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc="\//);
      expect(body.trim()).toBe('');
    }
  });

  for (const lang of ['vi', 'en']) {
    test(`every page runs with no violation (${lang})`, async ({ page, context }) => {
      const settings = lang === 'en' ? { [h.KEYS.settings]: JSON.stringify({ lang: 'en' }) } : {};
      await h.seedWorkspace(context, 't1-on-time.json', settings);
      await recordViolations(context);
      const logged = [];
      page.on('console', (m) => {
        if (/Content Security Policy|Content-Security-Policy/i.test(m.text())) logged.push(m.text());
      });
      for (const url of PAGES) {
        await page.goto(url);
        await expect(page.locator('html')).toHaveAttribute('lang', lang);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        if (url === '/') {
          await h.expectNineTargets(page);
          // The share targets' progress bars are drawn (they once used style attributes).
          await expect(page.locator('.progress-fill').first()).toBeAttached();
        }
        expect(await page.evaluate(() => window.__cspViolations), url).toEqual([]);
      }
      expect(logged).toEqual([]);
    });
  }

  test('a script put into the page does not run, and is reported', async ({ page, context }) => {
    await h.seedWorkspace(context, 't1-on-time.json');
    await recordViolations(context);
    await page.goto('/');
    await h.expectNineTargets(page);
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__injected = "script"';
      document.body.append(script);
      const holder = document.createElement('div');
      holder.innerHTML = '<img src="/icons/icon.svg" onload="window.__injected = \'handler\'">';
      document.body.append(holder);
      const remote = document.createElement('script');
      remote.src = 'https://example.com/x.js';
      document.body.append(remote);
    });
    await expect.poll(() => page.evaluate(() => window.__cspViolations.length)).toBeGreaterThanOrEqual(3);
    expect(await page.evaluate(() => window.__injected)).toBeUndefined();
    const violations = await page.evaluate(() => window.__cspViolations);
    expect(violations.filter((v) => v.startsWith('script-src-elem inline'))).toHaveLength(1);
    expect(violations.filter((v) => v.startsWith('script-src-attr inline'))).toHaveLength(1);
    expect(violations.filter((v) => v.startsWith('script-src-elem https://example.com'))).toHaveLength(1);
  });
});
