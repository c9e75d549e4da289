/** The columns of the events export (XLSX and CSV), in the person's language. */
import { t } from '../app/i18n';
import type { XlsxColumn } from '../app/xlsx';
import type { TLanguage } from '../staff/staff.schemas';
import type { EventListItem } from './events.query';

export function formName(row: { formName: string; formNameKy: string; formNameEn: string }, lang: TLanguage): string {
  if (lang === 'ky' && row.formNameKy) return row.formNameKy;
  if (lang === 'en' && row.formNameEn) return row.formNameEn;
  return row.formName;
}

export function eventExportColumns(lang: TLanguage): XlsxColumn<EventListItem>[] {
  return [
    { header: t(lang, 'col.date'), value: (r) => r.heldOn ?? r.plannedOn, width: 12 },
    { header: t(lang, 'col.time'), value: (r) => (r.startTime ? [r.startTime, r.endTime].filter(Boolean).join('–') : ''), width: 12 },
    { header: t(lang, 'col.library'), value: (r) => r.libraryName, width: 28 },
    { header: t(lang, 'col.event_title'), value: (r) => r.title, width: 40 },
    { header: t(lang, 'col.form'), value: (r) => formName(r, lang), width: 20 },
    { header: t(lang, 'col.audience'), value: (r) => t(lang, `event.audience.${r.audience}`), width: 20 },
    { header: t(lang, 'col.place'), value: (r) => t(lang, `event.place.${r.place}`), width: 18 },
    { header: t(lang, 'col.status'), value: (r) => t(lang, `event.status.${r.status}`), width: 14 },
    { header: t(lang, 'col.attendance_total'), value: (r) => r.attendanceTotal, width: 12 },
    { header: t(lang, 'col.attendance_children'), value: (r) => (r.status === 'held' ? r.attendanceChildren : null), width: 10 },
    { header: t(lang, 'col.attendance_youth'), value: (r) => (r.status === 'held' ? r.attendanceYouth : null), width: 10 },
    { header: t(lang, 'col.attendance_adults'), value: (r) => (r.status === 'held' ? r.attendanceAdults : null), width: 10 },
    { header: t(lang, 'col.responsible'), value: (r) => r.responsibleName, width: 24 },
    { header: t(lang, 'col.theme'), value: (r) => r.theme, width: 28 },
  ];
}
