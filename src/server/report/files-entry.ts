/**
 * Entry points for the report's template and logo (re-exported by src/main.ts): the two
 * Administrasi menu items and the upload dialog's endpoint. Heads only.
 */
import { alert, showDialogFile } from '../../adapters/ui';
import { tr } from '../../core/i18n';
import type { Result, UploadLogoValue } from '../../shared/contract';
import { requireOwner, requireRole } from '../context';
import { endpoint, menuAction } from '../run';
import { createReportBase, createTemplate, FILES_MESSAGES, uploadLogo } from './files';

const HEADS = ['Kabag', 'Kasubbag'] as const;

/** Menu: Administrasi → Buat templat laporan. */
export function menuCreateTemplate(): void {
  menuAction((ctx) => {
    requireRole(ctx, [...HEADS], tr(ctx.lang, FILES_MESSAGES.templateAction));
    // Pengaturan and the registry of Siaran's files are the owner's.
    requireOwner(ctx, tr(ctx.lang, FILES_MESSAGES.templateAction));
    alert('Siaran', createTemplate(ctx).message);
  });
}

/** Menu: Administrasi → Siapkan nomor halaman laporan. */
export function menuCreateReportBase(): void {
  menuAction((ctx) => {
    requireRole(ctx, [...HEADS], tr(ctx.lang, FILES_MESSAGES.baseAction));
    requireOwner(ctx, tr(ctx.lang, FILES_MESSAGES.baseAction));
    alert('Siaran', createReportBase(ctx).message);
  });
}

/** Menu: Administrasi → Unggah logo kop… opens the upload dialog. */
export function menuUploadLogo(): void {
  menuAction((ctx) => {
    requireRole(ctx, [...HEADS], tr(ctx.lang, FILES_MESSAGES.logoAction));
    requireOwner(ctx, tr(ctx.lang, FILES_MESSAGES.logoAction));
    showDialogFile('LogoDialog', 420, 260, ctx.lang === 'en' ? 'Upload letterhead logo' : 'Unggah logo kop');
  });
}

/** The upload dialog: stores the logo and points Pengaturan "logo_kop" at it. */
export function apiUploadLogo(req: unknown): Result<UploadLogoValue> {
  return endpoint((ctx) => {
    requireRole(ctx, [...HEADS], tr(ctx.lang, FILES_MESSAGES.logoAction));
    requireOwner(ctx, tr(ctx.lang, FILES_MESSAGES.logoAction));
    return uploadLogo(ctx, req);
  });
}
