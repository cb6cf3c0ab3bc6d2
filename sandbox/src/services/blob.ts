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
}
