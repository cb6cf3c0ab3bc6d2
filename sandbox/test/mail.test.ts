import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Sandbox } from '../src/sandbox';
import { clearOutbox, mailLinks, mailService, outbox, setMailQuota } from '../src/services/mail';
import { utilitiesService } from '../src/services/utilities';

// Only the modules under test are installed; keep the registry (and its other services) out.
jest.mock('../src/services', () => ({ SERVICE_MODULES: [] }));

// Monday 5 January 2026, 10:00 in Jakarta (UTC+7).
const T0 = Date.UTC(2026, 0, 5, 3, 0, 0);

function newSandbox(code: string): Sandbox {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gas-mail-'));
  writeFileSync(path.join(dir, 'appsscript.json'), JSON.stringify({ timeZone: 'Asia/Jakarta', runtimeVersion: 'V8' }));
  writeFileSync(path.join(dir, 'Code.js'), code);
  return new Sandbox({ projectDir: dir, services: [mailService, utilitiesService], owner: 'owner@example.org', clockMs: T0 });
}

const CODE = `
function sendSimple() { MailApp.sendEmail('a@example.org', 'Hello', 'Body text'); }
function sendWithOptions() {
  MailApp.sendEmail('a@example.org, B Person <b@example.org>', 'Report', 'plain', {
    htmlBody: '<p>See <a href="https://x.example/review?id=1&amp;t=2">review</a></p>',
    cc: 'c@example.org', bcc: 'd@example.org', name: 'Siaran', replyTo: 'reply@example.org',
    attachments: [Utilities.newBlob('hello', 'text/plain', 'note.txt')],
  });
}
function sendMessage() {
  MailApp.sendEmail({ to: 'a@example.org', cc: 'c@example.org', subject: 'Obj', body: 'text', htmlBody: '<b>hi</b>', noReply: true });
}
function sendReplyTo() { MailApp.sendEmail('a@example.org', 'r@example.org', 'Subj', 'Body'); }
function sendTo(list) { MailApp.sendEmail(list, 'S', 'B'); }
function sendBadCc() { MailApp.sendEmail({ to: 'a@example.org', cc: 'not-an-address', subject: 'S', body: 'B' }); }
function sendNoRecipient() { MailApp.sendEmail('', 'S', 'B'); }
function quota() { return MailApp.getRemainingDailyQuota(); }
function many(n) { var l = []; for (var i = 0; i < n; i++) l.push('p' + i + '@example.org'); MailApp.sendEmail(l.join(','), 'S', 'B'); }
function wrongArgs() { MailApp.sendEmail(42); }
`;

describe('MailApp', () => {
  test('sendEmail(recipient, subject, body) records the message in the outbox as the effective user', () => {
    const sb = newSandbox(CODE);
    const r = sb.run('sendSimple', { user: 'editor@example.org' });
    expect(r.ok).toBe(true);
    const [m] = outbox(sb.state);
    expect(m).toMatchObject({ from: 'editor@example.org', to: ['a@example.org'], cc: [], bcc: [], subject: 'Hello', text: 'Body text', html: null });
    // Sent after the modeled calls before it; the script's own running time moves the clock too.
    expect(m.sentAtMs).toBeGreaterThanOrEqual(T0 + r.modeledMs);
    expect(m.sentAtMs).toBeLessThanOrEqual(T0 + r.modeledMs + r.cpuMs);
    expect(r.calls.find((c) => c.method === 'sendEmail')?.ms).toBeGreaterThan(0);
  });

  test('options: htmlBody, cc, bcc, name, replyTo and attachments', () => {
    const sb = newSandbox(CODE);
    expect(sb.run('sendWithOptions').ok).toBe(true);
    const [m] = outbox(sb.state);
    expect(m.to).toEqual(['a@example.org', 'b@example.org']);
    expect(m.cc).toEqual(['c@example.org']);
    expect(m.bcc).toEqual(['d@example.org']);
    expect(m.name).toBe('Siaran');
    expect(m.replyTo).toBe('reply@example.org');
    expect(m.text).toBe('plain');
    expect(m.html).toContain('<a href=');
    expect(m.attachments).toEqual([{ name: 'note.txt', contentType: 'text/plain', size: 5 }]);
    expect(mailLinks(m.html ?? '')).toEqual(['https://x.example/review?id=1&t=2']);
  });

  test('message object form and the (to, replyTo, subject, body) form', () => {
    const sb = newSandbox(CODE);
    sb.run('sendMessage');
    sb.run('sendReplyTo');
    const [a, b] = outbox(sb.state);
    expect(a).toMatchObject({ to: ['a@example.org'], cc: ['c@example.org'], subject: 'Obj', text: 'text', html: '<b>hi</b>', noReply: true });
    expect(b).toMatchObject({ to: ['a@example.org'], replyTo: 'r@example.org', subject: 'Subj', text: 'Body' });
  });

  test('invalid and missing recipients are rejected with Apps Script messages', () => {
    const sb = newSandbox(CODE);
    expect(sb.run('sendTo', { args: ['someone@'] }).error?.message).toBe('Invalid email: someone@');
    expect(sb.run('sendBadCc').error?.message).toBe('Invalid email: not-an-address');
    expect(sb.run('sendNoRecipient').error?.message).toBe('Failed to send email: no recipient');
    expect(sb.run('wrongArgs').error?.message).toMatch(/don't match the method signature for MailApp.sendEmail/);
    expect(outbox(sb.state)).toHaveLength(0);
  });

  test('at most 50 recipients per message', () => {
    const sb = newSandbox(CODE);
    expect(sb.run('many', { args: [50] }).ok).toBe(true);
    const r = sb.run('many', { args: [51] });
    expect(r.error?.message).toBe('Limit Exceeded: Email Recipients Per Message.');
    expect(outbox(sb.state)).toHaveLength(1);
  });

  test('daily quota counts recipients per user and recovers the next day in the script time zone', () => {
    const sb = newSandbox(CODE);
    expect(sb.run('quota').value).toBe(100);
    setMailQuota(sb.state, 3);
    expect(sb.run('sendWithOptions').error?.message).toBe('Service invoked too many times for one day: email.'); // 4 recipients
    expect(sb.run('sendMessage').ok).toBe(true); // 2 recipients
    expect(sb.run('quota').value).toBe(1);
    expect(sb.run('sendMessage').error?.message).toBe('Service invoked too many times for one day: email.');
    // Another user has a quota of their own.
    expect(sb.run('quota', { user: 'other@example.org' }).value).toBe(3);
    // 23:59 the same day in Jakarta: still used up. 00:00 the next day: a fresh quota.
    sb.setClock(Date.UTC(2026, 0, 5, 16, 59));
    expect(sb.run('quota').value).toBe(1);
    sb.setClock(Date.UTC(2026, 0, 5, 17, 0));
    expect(sb.run('quota').value).toBe(3);
    expect(sb.run('sendMessage').ok).toBe(true);
    expect(outbox(sb.state).map((m) => m.subject)).toEqual(['Obj', 'Obj']);
    clearOutbox(sb.state);
    expect(outbox(sb.state)).toEqual([]);
  });

  test('simple triggers cannot send mail', () => {
    const sb = newSandbox(CODE);
    const r = sb.run('sendSimple', { kind: 'simpleTrigger' });
    expect(r.ok).toBe(false);
    expect(r.error?.message).toMatch(/permission to call MailApp.sendEmail/);
    expect(outbox(sb.state)).toHaveLength(0);
  });

  test('mailLinks finds hrefs and bare URLs once each', () => {
    expect(mailLinks('Open https://a.example/x?y=1. Or <a href=\'https://b.example/\'>b</a> https://a.example/x?y=1')).toEqual([
      'https://b.example/',
      'https://a.example/x?y=1',
    ]);
  });
});
