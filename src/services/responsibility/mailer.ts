/**
 * E-mail for task reminders. No mail package is installed in this project, so there is no SMTP transport
 * here: reminders are built and kept in the outbox (task_notifications, status 'pending'), and sending sits
 * behind the Mailer interface. Whoever installs a transport (e.g. nodemailer) implements Mailer with it and
 * passes it to sendTaskReminders; nothing else changes.
 */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  /** Sends one message; throws on failure (the outbox records the error). */
  send(message: MailMessage): Promise<void>;
}

export interface MailSetup {
  mailer: Mailer | null;
  /** Why no mail goes out, in Chinese, for the log; null when a mailer is ready. */
  notice: string | null;
}

/**
 * What the environment allows: FUER_SMTP_URL unset → no e-mail (in-app reminders only); set → still no
 * transport in this build, and the log says so.
 */
export function mailSetupFromEnv(env: NodeJS.ProcessEnv = process.env): MailSetup {
  const url = env.FUER_SMTP_URL?.trim();
  if (!url) return { mailer: null, notice: '未配置 FUER_SMTP_URL：不发送邮件提醒，仅在系统内提醒（提醒邮件已生成并留存在待发送队列）' };
  return {
    mailer: null,
    notice: '已配置 FUER_SMTP_URL，但本系统未安装邮件发送组件：提醒邮件已生成并留存在待发送队列，未实际发送（需接入 Mailer 实现）',
  };
}
