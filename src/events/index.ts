/** The events domain's public face for other domains (the report to the municipality, statistics, the portal). */
export { summarizeEvents, type AttendanceFigures, type EventSummary, type EventSummaryQuery } from './events.summary';
export { registerAllEventRoutes } from './events.register';
export { listEvents, eventDetail, eventDescriptions, type EventListItem, type EventListQuery, type EventDetail } from './events.query';
export { findEvent, type EventRow } from './events.service';
export { registerForEvent, type RegistrationResult } from './registrations.service';
export { findEventPhoto } from './photos.service';
export { formName } from './events.export';
export { events, eventForms, eventPartners } from './events.tables';
export { ensureEventDefaults } from './event-setup.service';
export * from './events.schemas';
export { buildCalendar, type IcalEvent } from './ical';
export { localToday, zoneOffsetAt, zonedToUtc } from './zoned-time';
export { defaultTimeZone } from './events.service';
