import { textToPdf } from '../pdf';

/**
 * Apps Script's Blob: bytes with a content type and a name. Shared by Utilities.newBlob, DriveApp,
 * DocumentApp (getAs), HtmlOutput.getBlob and MailApp attachments.
 */
export class SandboxBlob {
  private bytes: Buffer;
  constructor(data: Buffer | string | number[], private contentType: string | null = null, private name: string | null = null) {
    this.bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data as Buffer);
  }
  getBytes(): number[] {
    return [...this.bytes].map((b) => (b > 127 ? b - 256 : b));
  }
  /** The raw bytes, for the sandbox's own use. */
  buffer(): Buffer {
    return this.bytes;
  }
  getDataAsString(charset?: string): string {
    return this.bytes.toString(charset && /^utf-?16/i.test(charset) ? 'utf16le' : 'utf8');
  }
  getContentType(): string | null {
    return this.contentType;
  }
  setContentType(type: string): SandboxBlob {
    this.contentType = type;
    return this;
  }
  getName(): string | null {
    return this.name;
  }
  setName(name: string): SandboxBlob {
    this.name = name;
    return this;
  }
  setBytes(data: number[]): SandboxBlob {
    this.bytes = Buffer.from(data.map((b) => b & 255));
    return this;
  }
  setDataFromString(s: string): SandboxBlob {
    this.bytes = Buffer.from(s, 'utf8');
    return this;
  }
  isGoogleType(): boolean {
    return false;
  }
  copyBlob(): SandboxBlob {
    return new SandboxBlob(Buffer.from(this.bytes), this.contentType, this.name);
  }
  getBlob(): SandboxBlob {
    return this;
  }
  /**
   * Converts to another type. Supported: the same type (a copy), and text/* or JSON to
   * application/pdf (HTML is reduced to its text). The name's extension follows the new type.
   */
  getAs(contentType: string): SandboxBlob {
    const type = String(contentType);
    const from = this.contentType ?? 'application/octet-stream';
    const name = this.name === null ? null : renameFor(this.name, type);
    if (type === from) return new SandboxBlob(Buffer.from(this.bytes), type, this.name);
    if (type === 'application/pdf' && (from.startsWith('text/') || from === 'application/json')) {
      const raw = this.bytes.toString('utf8');
      const text = from === 'text/html' ? htmlText(raw) : raw;
      return new SandboxBlob(textToPdf('', text.split(/\r?\n/)), type, name);
    }
    throw new Error(`Converting from ${from} to ${type} is not supported.`);
  }
}

const EXTENSIONS: Record<string, string> = { 'application/pdf': 'pdf', 'text/plain': 'txt', 'text/html': 'html', 'image/png': 'png', 'image/jpeg': 'jpg' };

function renameFor(name: string, type: string): string {
  const ext = EXTENSIONS[type];
  if (!ext) return name;
  return `${name.replace(/\.[A-Za-z0-9]{1,5}$/, '')}.${ext}`;
}

/** A rough HTML-to-text used for HTML-to-PDF conversion. */
export function htmlText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|h[1-6]|li|tr|table|ul|ol)>/gi, '\n')
    .replace(/<\/(td|th)>/gi, '\t')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
