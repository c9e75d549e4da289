/** The municipal information centre's public face for other domains (the portal, the demo loader). */
export { registerMunicipalRoutes } from './municipal.routes';
export {
  answerRequest,
  assignRequest,
  closeRequest,
  findRequest,
  followUpRequest,
  listMessages,
  networkToday,
  recordRequest,
  submitOfficialRequest,
  submitRequest,
  type MunicipalRequest,
  type RequestActor,
} from './requests.service';
export { listRequests, requestsForReport } from './requests.queries';
export { canFollowUp, canReadRequest, requestVisibility } from './municipal.policy';
export { isOverdue, isoDay } from './deadlines';
export * from './municipal.schemas';
export { municipalRequests, municipalRequestMessages, sdiSubscriptions, sdiDigests, sdiDeliveries } from './municipal.tables';
