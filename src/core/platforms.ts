/**
 * The platforms of the SOP (step 4: "Facebook, Twitter/X, Instagram, YouTube, TikTok") and the one
 * parser of the names people type for them. Every module that names a platform imports it from here.
 */

export type Platform = 'Facebook' | 'X' | 'Instagram' | 'YouTube' | 'TikTok';

/** In the SOP's order; lists, dropdowns and report tables follow it. */
export const PLATFORMS: readonly Platform[] = ['Facebook', 'X', 'Instagram', 'YouTube', 'TikTok'];

const PLATFORM_ALIASES: Readonly<Record<string, Platform>> = {
  facebook: 'Facebook', fb: 'Facebook',
  x: 'X', twitter: 'X', 'x (twitter)': 'X', 'twitter (x)': 'X', 'x/twitter': 'X', 'twitter/x': 'X',
  instagram: 'Instagram', ig: 'Instagram',
  youtube: 'YouTube', yt: 'YouTube', 'you tube': 'YouTube',
  tiktok: 'TikTok', 'tik tok': 'TikTok',
};

/** A platform from a typed name, case- and space-insensitive ('Twitter' is X); null if unknown. */
export function parsePlatform(value: unknown): Platform | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const key = String(value).trim().toLowerCase().replace(/\s+/g, ' ');
  return Object.prototype.hasOwnProperty.call(PLATFORM_ALIASES, key) ? PLATFORM_ALIASES[key] : null;
}

/** "Instagram, X" (or "Instagram/X") -> platforms (each once, in the order typed), and the names that are not platforms. */
export function parsePlatformList(value: unknown): { platforms: Platform[]; unknown: string[] } {
  const platforms: Platform[] = [];
  const unknown: string[] = [];
  for (const part of String(value ?? '').split(/[,;/]+/)) {
    const name = part.trim();
    if (!name) continue;
    const p = parsePlatform(name);
    if (p) {
      if (!platforms.includes(p)) platforms.push(p);
    } else unknown.push(name);
  }
  return { platforms, unknown };
}

/** The hosts of each platform's posts (and their short links). */
export const PLATFORM_HOSTS: Readonly<Record<Platform, readonly string[]>> = {
  Facebook: ['facebook.com', 'fb.com', 'fb.watch', 'fb.me'],
  X: ['x.com', 'twitter.com', 't.co'],
  Instagram: ['instagram.com', 'instagr.am'],
  YouTube: ['youtube.com', 'youtu.be'],
  TikTok: ['tiktok.com'],
};

/** The platform an http(s) link belongs to, by its host (www., m. and other subdomains count), or null. */
export function platformOfUrl(url: string): Platform | null {
  const m = /^https?:\/\/([^/?#:\s]+)/i.exec(url.trim());
  if (!m) return null;
  const host = m[1].toLowerCase().replace(/\.$/, '');
  for (const p of Object.keys(PLATFORM_HOSTS) as Platform[]) {
    if (PLATFORM_HOSTS[p].some((h) => host === h || host.endsWith(`.${h}`))) return p;
  }
  return null;
}
