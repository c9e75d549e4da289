/** The seminars domain's staff screens. */
export { OverdueTasksPanel } from './overdue-tasks-panel';
export { SeminarPage } from './seminar-page';
export { SeminarsPage } from './seminars-page';
