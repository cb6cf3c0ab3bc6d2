/**
 * The services the core needs, as plain interfaces. src/adapters implements them with Apps Script;
 * tests implement them in memory.
 */
export interface OutgoingMail {
  to: string;
  cc?: string;
  subject: string;
  text: string;
  html: string;
  replyTo?: string;
}

export interface Mailer {
  /** Recipients this account may still mail today. */
  remainingQuota(): number;
  send(mail: OutgoingMail): void;
}

export interface KeyValueStore {
  get(key: string): string | null;
  set(key: string, value: string): void;
  delete(key: string): void;
}

/** HMAC-SHA256 of `message` with `secret`, as bytes (signed or unsigned). */
export type Hmac = (message: string, secret: string) => ArrayLike<number>;

export interface Lock {
  /** True if the lock was obtained within `ms`. */
  tryLock(ms: number): boolean;
  release(): void;
}
