/**
 * The monthly social-media report (SOP step 6, "Laporan Media Sosial"): its numbers, computed by a
 * pure function from plain rows, and its layout as an official Indonesian report (Tata Naskah Dinas,
 * "Laporan": kop, title, A. Pendahuluan, B. Kegiatan yang Dilaksanakan, C. Hasil yang Dicapai,
 * D. Simpulan dan Saran, E. Penutup, place and date, position, signature, name and NIP).
 *
 * `buildReportModel(input)` holds the numbers; `reportLayout(model)` turns them into blocks
 * (paragraphs, tables, charts) that the Docs adapter appends, one call per block.
 */
export * from './input';
export * from './model';
export * from './layout';
