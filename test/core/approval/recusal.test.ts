/** Separation of duties per item: the PIC of an item does not decide it (core/approval/routing.ts). */
import { picEmail, recusedItems, undecidableItems } from '../../../src/core/approval';
import type { Person } from '../../../src/core/people';

const person = (email: string, role: Person['role']): Person => ({ email, name: email, role, roleText: role ?? '', position: '', nip: '' });

describe('picEmail', () => {
  it('finds the address in a bare email, a "Name <email>" cell, or none', () => {
    expect(picEmail('Sri@MK.example.id')).toBe('sri@mk.example.id');
    expect(picEmail('Sri Wahyuni <sri@mk.example.id>')).toBe('sri@mk.example.id');
    expect(picEmail('Sri Wahyuni')).toBe('');
  });
});

describe('recusedItems', () => {
  it('leaves out the items any of whose PIC texts names the approver', () => {
    const pics: Record<string, string[]> = { a: ['staf@x.id', ''], b: ['', 'Sri <sri@x.id>'], c: ['SRI@x.id', 'staf@x.id'] };
    expect(recusedItems(['a', 'b', 'c'], 'sri@x.id', (id) => pics[id])).toEqual(['b', 'c']);
    expect(recusedItems(['a', 'b', 'c'], 'kabag@x.id', (id) => pics[id])).toEqual([]);
  });
});

describe('undecidableItems', () => {
  const levels = [
    { level: 1, approvers: [person('sri@x.id', 'Kasubbag')] },
    { level: 2, approvers: [person('kabag@x.id', 'Kabag')] },
  ];
  it('names an item whose PIC is the only approver of a level', () => {
    const pic: Record<string, string> = { a: 'staf@x.id', b: 'sri@x.id', c: '' };
    expect(undecidableItems(levels, ['a', 'b', 'c'], (id) => pic[id])).toEqual([{ itemId: 'b', level: 1, approver: 'sri@x.id' }]);
  });
  it('is empty when the level has another approver', () => {
    const both = [{ level: 1, approvers: [person('sri@x.id', 'Kasubbag'), person('kabag@x.id', 'Kabag')] }];
    expect(undecidableItems(both, ['b'], () => 'sri@x.id')).toEqual([]);
  });
});
