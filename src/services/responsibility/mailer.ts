/**
 * E-mail for task reminders. Reminders are built and kept in the outbox (task_notifications) and sent through
 * the Mailer interface: an SMTP transport (smtp-mailer.ts, nodemailer) when FUER_SMTP_URL is set, otherwise
 * nothing is sent and the messages stay pending in the outbox.
 */
import type { MailTransportInfo } from './responsibility.contract.ts';
import { DEFAULT_MAIL_FROM, parseSmtpUrl, smtpMailer, smtpServerLabel } from './smtp-mailer.ts';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  /** Sends one message; throws on failure (the outbox records the error). */
  send(message: MailMessage): Promise<void>;
  /** Where mail goes, for the log (no credentials). */
  label?: string;
  /** Releases connections once a run is over. */
  close?(): void | Promise<void>;
}

export interface MailSetup {
  mailer: Mailer | null;
  /** Why no mail goes out, in Chinese, for the log; null when a mailer is ready. */
  notice: string | null;
}

/**
 * What the environment allows: FUER_SMTP_URL unset → no e-mail (in-app reminders only, messages stay pending);
 * set → an SMTP mailer, with FUER_SMTP_FROM as the sender; an invalid URL → no mailer and a notice saying why.
 */
export function mailSetupFromEnv(env: NodeJS.ProcessEnv = process.env): MailSetup {
  const raw = env.FUER_SMTP_URL?.trim();
  if (!raw) return { mailer: null, notice: '未配置 FUER_SMTP_URL：不发送邮件提醒，仅在系统内提醒（提醒邮件已生成并留存在待发送队列）' };
  let url: URL;
  try {
    url = parseSmtpUrl(raw);
  } catch (err) {
    return { mailer: null, notice: `${(err as Error).message}：提醒邮件留存在待发送队列，未发送` };
  }
  const from = env.FUER_SMTP_FROM?.trim() || DEFAULT_MAIL_FROM;
  return { mailer: smtpMailer(url, from), notice: null };
}

/** What the office sees of the mail setup: no transport is created, no credentials shown. */
export function mailTransportInfo(env: NodeJS.ProcessEnv = process.env): MailTransportInfo {
  const raw = env.FUER_SMTP_URL?.trim();
  if (!raw) return { configured: false, server: null, from: null, notice: '未配置 FUER_SMTP_URL：提醒邮件只生成、留存在队列中，不发送' };
  try {
    const url = parseSmtpUrl(raw);
    return { configured: true, server: smtpServerLabel(url), from: env.FUER_SMTP_FROM?.trim() || DEFAULT_MAIL_FROM, notice: null };
  } catch (err) {
    return { configured: false, server: null, from: null, notice: (err as Error).message };
  }
}
