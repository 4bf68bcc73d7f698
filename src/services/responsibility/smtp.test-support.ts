/**
 * A real SMTP server for tests (smtp-server, in-process, on a free port of 127.0.0.1): records every message it
 * accepts, decoded (UTF-8 subject from RFC 2047 encoded words, body from base64 or quoted-printable), and can
 * be told to reject recipients with a 550 until told otherwise.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  raw: string;
}

export interface TestSmtpServer {
  url: string;
  port: number;
  received: ReceivedMail[];
  /** While set, RCPT TO is answered with 550 and this text. */
  rejectWith: string | null;
  close(): Promise<void>;
}

function decodeWords(value: string): string {
  // Adjacent encoded words are joined without the whitespace between them (RFC 2047 §6.2); decode bytes together
  // so a character split across two words survives.
  const parts: { charset: string; bytes: Buffer }[] = [];
  const text = value.replace(/\?=\s+=\?/g, '?==?');
  let out = '';
  let last = 0;
  const flush = () => {
    if (parts.length === 0) return;
    out += new TextDecoder(parts[0]?.charset).decode(Buffer.concat(parts.map((p) => p.bytes)));
    parts.length = 0;
  };
  for (const m of text.matchAll(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g)) {
    if (m.index > last) {
      flush();
      out += text.slice(last, m.index);
    }
    const [, charset = 'utf-8', enc = 'B', data = ''] = m;
    const bytes =
      enc.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64')
        : Buffer.from(data.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_s, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1');
    parts.push({ charset, bytes });
    last = m.index + m[0].length;
  }
  flush();
  return out + text.slice(last);
}

/** Splits a raw message into decoded subject and text body (single-part text/plain, as the reminders are). */
export function parseMail(raw: string): { subject: string; text: string; headers: Map<string, string> } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const headers = new Map<string, string>();
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  let text: string;
  if (encoding === 'base64') text = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  else if (encoding === 'quoted-printable')
    text = Buffer.from(body.replace(/=\r\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_s, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
  else text = body;
  return { subject: decodeWords(headers.get('subject') ?? ''), text: text.replace(/\r\n/g, '\n').trimEnd(), headers };
}

export async function startTestSmtpServer(options: { user?: string; pass?: string } = {}): Promise<TestSmtpServer> {
  const state: TestSmtpServer = { url: '', port: 0, received: [], rejectWith: null, close: async () => {} };
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    authOptional: options.user === undefined,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === options.user && auth.password === options.pass) callback(null, { user: auth.username });
      else callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onRcptTo(address, _session, callback) {
      if (state.rejectWith !== null) callback(Object.assign(new Error(state.rejectWith), { responseCode: 550 }));
      else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('latin1');
        const { subject, text } = parseMail(raw);
        state.received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          subject,
          text,
          raw,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  const auth = options.user === undefined ? '' : `${encodeURIComponent(options.user)}:${encodeURIComponent(options.pass ?? '')}@`;
  state.port = port;
  state.url = `smtp://${auth}127.0.0.1:${port}`;
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}
