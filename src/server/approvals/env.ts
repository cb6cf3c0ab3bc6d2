/** The Apps Script services approvals use (mail, the pending-mail store, the links), gathered once per execution. */
import { appsScriptMailer } from '../../adapters/mail';
import { scriptProperties } from '../../adapters/props';
import { webAppUrl, workbookUrl } from '../../adapters/session';
import type { MailEnv } from './mailq';

export function mailEnv(): MailEnv {
  const web = webAppUrl();
  const workbook = workbookUrl();
  return { mailer: appsScriptMailer, store: scriptProperties(), webAppUrl: web, workbookUrl: workbook };
}

