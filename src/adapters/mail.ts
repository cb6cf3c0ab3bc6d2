/** MailApp as the Mailer port. */
import type { Mailer, OutgoingMail } from '../core/ports';

export const appsScriptMailer: Mailer = {
  remainingQuota(): number {
    return MailApp.getRemainingDailyQuota();
  },
  send(mail: OutgoingMail): void {
    const options: GoogleAppsScript.Mail.MailAdvancedParameters = { to: mail.to, subject: mail.subject, body: mail.text, htmlBody: mail.html, name: 'Siaran' };
    if (mail.cc) options.cc = mail.cc;
    if (mail.replyTo) options.replyTo = mail.replyTo;
    MailApp.sendEmail(options);
  },
};

/** Recipients a mail counts against the daily quota (to + cc). */
export function recipientCount(mail: OutgoingMail): number {
  const count = (s?: string) => (s ? s.split(',').filter((x) => x.trim()).length : 0);
  return count(mail.to) + count(mail.cc);
}
