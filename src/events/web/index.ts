/** The events domain's staff screens. */
export { EventPage } from './event-page';
export { EventsPage } from './events-page';
export { EventSettingsPage } from './settings-page';
