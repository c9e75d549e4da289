/** The seminars domain's public face for other domains (the municipality report, the demo). */
export { listOpenSeminarTasks, type OpenSeminarTask } from './decisions.service';
export { proposeHosts, type RotationBranch } from './rotation';
export { seminars, seminarDecisions, seminarParticipants } from './seminars.tables';
export { ZProtocol, type TProtocol } from './seminars.schemas';
