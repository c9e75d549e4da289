/**
 * Packages that only some requests need (PDF, spreadsheets, barcodes), loaded on first use: every
 * command and the server reach the modules that use them through the domains' index files, and loading
 * them up front cost each process about 60 MB of memory (decision 0005).
 */
export const loadPdfKit = async () => (await import('pdfkit')).default;
export const loadExcelJs = async () => (await import('exceljs')).default;
export const loadBarcodes = async () => await import('bwip-js/node');
