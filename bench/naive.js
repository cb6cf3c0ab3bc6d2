/**
 * The naive reference: submit and report written the way tutorials write such scripts, with
 * row-by-row reads and writes and one mail per item. Loaded into the benchmark's project beside
 * dist/Code.js (never shipped); it reads the same tabs Siaran writes.
 */
function naiveColumn_(sheet, header) {
  var lastCol = sheet.getLastColumn();
  for (var c = 1; c <= lastCol; c++) {
    if (sheet.getRange(1, c).getValue() === header) return c;
  }
  return -1;
}

/** Submit a month: check each row, set its status, mail the approver about each item. */
function naiveSubmitConcept(period) {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  var sheet = ss.getSheetByName('Konsep Konten');
  var cPeriod = naiveColumn_(sheet, 'Periode');
  var cStatus = naiveColumn_(sheet, 'Status');
  var cActivity = naiveColumn_(sheet, 'Kegiatan/Informasi');
  var cDate = naiveColumn_(sheet, 'Rencana Tayang');
  var people = ss.getSheetByName('Pengguna');
  var approver = '';
  for (var p = 2; p <= people.getLastRow(); p++) {
    if (people.getRange(p, 3).getValue() === 'Kasubbag') approver = people.getRange(p, 1).getValue();
  }
  var n = 0;
  for (var r = 2; r <= sheet.getLastRow(); r++) {
    if (String(sheet.getRange(r, cPeriod).getValue()) !== period) continue;
    if (sheet.getRange(r, cStatus).getValue() !== 'Draf') continue;
    sheet.getRange(r, cStatus).setValue('Diajukan');
    MailApp.sendEmail(approver, 'Konsep baru menunggu persetujuan', 'Kegiatan: ' + sheet.getRange(r, cActivity).getValue() + ' pada ' + sheet.getRange(r, cDate).getValue());
    n++;
  }
  return n;
}

/** Build the report: one paragraph per publication, a table built row by row. */
function naiveBuildReport(period) {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  var doc = DocumentApp.create('Laporan naif ' + period);
  var body = doc.getBody();
  body.appendParagraph('Laporan Media Sosial ' + period).setHeading(DocumentApp.ParagraphHeading.TITLE);
  var pub = ss.getSheetByName('Publikasi');
  var table = body.appendTable();
  for (var r = 2; r <= pub.getLastRow(); r++) {
    var row = table.appendTableRow();
    for (var c = 1; c <= 4; c++) row.appendTableCell(String(pub.getRange(r, c).getValue()));
  }
  var ins = ss.getSheetByName('Insight');
  var totals = {};
  for (var i = 2; i <= ins.getLastRow(); i++) {
    if (String(ins.getRange(i, 1).getValue()) !== period) continue;
    var platform = ins.getRange(i, 2).getValue();
    totals[platform] = (totals[platform] || 0) + Number(ins.getRange(i, 5).getValue() || 0);
    body.appendParagraph(platform + ': ' + ins.getRange(i, 5).getValue());
  }
  doc.saveAndClose();
  // The project holds drive.file, not drive: the PDF goes through the Drive advanced service.
  var blob = doc.getAs('application/pdf');
  var pdf = Drive.Files.create({ name: blob.getName(), mimeType: 'application/pdf' }, blob);
  return pdf.id;
}
