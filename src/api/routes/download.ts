import type { FastifyReply } from 'fastify';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A file to download: its (Chinese) name, content type and bytes. */
export interface DownloadFile {
  fileName: string;
  mime: string;
  bytes: Buffer;
}

/** Content-Disposition of a download: the UTF-8 file name (RFC 6266 / 5987) and `fallback`, an ASCII name for old clients. */
export function attachmentDisposition(fileName: string, fallback: string): string {
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** `stem` with the file name's extension (letters, digits and the dot only), e.g. report.docx; just `stem` without one. */
export function asciiName(stem: string, fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? stem : stem + fileName.slice(dot).replace(/[^\w.]/g, '');
}

/** Sends `file` as a download named `fallback` for clients that cannot read the UTF-8 name. */
export function sendDownload(reply: FastifyReply, file: DownloadFile, fallback: string): FastifyReply {
  return reply.header('content-type', file.mime).header('content-disposition', attachmentDisposition(file.fileName, fallback)).send(file.bytes);
}
