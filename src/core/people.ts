/** The Pengguna tab: people and their roles. */
import type { Role } from './sop';

export interface Person {
  email: string;
  name: string;
  role: Role | null;
  /** The role text as typed, for messages about unknown roles. */
  roleText: string;
  position: string;
  nip: string;
}

const EMAIL = /^[^\s@<>(),;:"[\]]+@[^\s@<>(),;:"[\]]+\.[^\s@<>(),;:"[\]]+$/;

export function isEmail(value: string): boolean {
  return EMAIL.test(value.trim());
}

export function findPerson(people: readonly Person[], email: string): Person | undefined {
  const e = email.trim().toLowerCase();
  return e ? people.find((p) => p.email.toLowerCase() === e) : undefined;
}

export function peopleWithRole(people: readonly Person[], role: Role): Person[] {
  return people.filter((p) => p.role === role && isEmail(p.email));
}

export function displayName(people: readonly Person[], email: string): string {
  return findPerson(people, email)?.name || email;
}
