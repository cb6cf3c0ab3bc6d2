/**
 * Optional enhancement of the review page (the page is a plain HTML form and works without it):
 * checks each item has a decision and each revision a note before the form is sent, focuses the
 * note when "revise" is chosen, and asks before "approve all". Texts come from the server in the
 * form's data-* attributes, in the user's language.
 */
function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}

function itemIdOf(box: Element): string {
  const radio = box.querySelector<HTMLInputElement>('input[type=radio][name^="decision_"]');
  return radio ? radio.name.slice('decision_'.length) : '';
}

function showError(box: Element, message: string): void {
  let p = box.querySelector<HTMLElement>('p.err.client');
  if (!p) {
    p = document.createElement('p');
    p.className = 'err client';
    p.setAttribute('role', 'alert');
    box.appendChild(p);
  }
  p.textContent = message;
}

function clearError(box: Element): void {
  box.querySelector('p.err.client')?.remove();
}

function enhance(form: HTMLFormElement): void {
  const boxes = Array.prototype.slice.call(form.querySelectorAll('.item')) as Element[];
  for (const box of boxes) {
    // Errors clear while the person types or picks, never on blur: a blur-time layout shift would
    // move the submit button away between mousedown and mouseup and swallow the click.
    box.addEventListener('input', () => clearError(box));
    box.addEventListener('change', (ev) => {
      const t = ev.target as HTMLInputElement;
      if (t.type !== 'radio') return;
      clearError(box);
      if (t.value === 'revise') box.querySelector<HTMLTextAreaElement>('textarea')?.focus();
    });
  }
  form.addEventListener('submit', (ev) => {
    const submitter = (ev as SubmitEvent).submitter as HTMLButtonElement | null;
    if (submitter && submitter.value === 'setujui-semua') {
      if (!window.confirm(fill(form.dataset.confirmAll ?? '', { n: boxes.length }))) ev.preventDefault();
      return;
    }
    let first: HTMLElement | null = null;
    for (const box of boxes) {
      const id = itemIdOf(box);
      const chosen = box.querySelector<HTMLInputElement>('input[type=radio]:checked');
      const note = box.querySelector<HTMLTextAreaElement>('textarea');
      if (!chosen) {
        showError(box, fill(form.dataset.missingDecision ?? '', { id }));
        first = first ?? box.querySelector<HTMLElement>('input[type=radio]');
      } else if (chosen.value === 'revise' && note && !note.value.trim()) {
        showError(box, fill(form.dataset.missingFeedback ?? '', { id }));
        first = first ?? note;
      } else clearError(box);
    }
    if (first) {
      ev.preventDefault();
      first.focus();
    }
  });
}

const form = document.querySelector<HTMLFormElement>('form.review');
if (form) enhance(form);
