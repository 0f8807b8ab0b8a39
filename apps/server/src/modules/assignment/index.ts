// Lead assignment: rules by campaign, language, tag and team; round-robin with a cap of open
// leads; SLA reassignment of untouched leads; bulk assign. Owns assignment_rules.
export { assignmentRoutes } from './assignment.routes.js';
export { type AssignmentService, createAssignmentService } from './assignment.service.js';
