/** The Apps Script services approvals use (mail, the pending-mail store, the links), gathered once per execution. */
import { appsScriptMailer } from '../../adapters/mail';
import { scriptProperties, userProperties } from '../../adapters/props';
import { runsAsOwner, webAppUrl, workbookUrl } from '../../adapters/session';
import type { KeyValueStore } from '../../core/ports';
import type { MailEnv } from './mail-common';
import { adoptLegacySecret } from './secret';

/** `trigger`: the owner's installed triggers send mail themselves; every other action holds it for them. */
export function mailEnv(opts: { trigger?: boolean } = {}): MailEnv {
  const web = webAppUrl();
  const workbook = workbookUrl();
  const store = scriptProperties();
  const links = linkKeys(store);
  return { mailer: appsScriptMailer, store, webAppUrl: web, workbookUrl: workbook, links, sendNow: !!opts.trigger && !!links };
}

/**
 * Where the approval-link key lives: the owner's user properties, which only the owner's executions
 * can read (the web app, the owner's triggers and the owner's own menu and panel runs). Any other
 * execution gets null: it can neither mint nor check a link, so it never mails one.
 */
function linkKeys(script: KeyValueStore): KeyValueStore | null {
  if (!runsAsOwner()) return null;
  // The key and the replaced keys, read with the sealing key in one call (userProperties).
  const mem = userProperties();
  // The legacy secret is moved on the first use of the key, so executions that mint or check no
  // link pay nothing for it.
  let adopted = false;
  const adopt = () => {
    if (!adopted) adoptLegacySecret(script, mem);
    adopted = true;
  };
  return {
    get: (key) => (adopt(), mem.get(key)),
    set: (key, value) => (adopt(), mem.set(key, value)),
    delete: (key) => (adopt(), mem.delete(key)),
  };
}
