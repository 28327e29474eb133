/**
 * The Vitals compliance backend plugin: HIPAA evaluation over the Azure
 * inventory, verdict history, exemptions, attestations and evidence export.
 *
 * @packageDocumentation
 */
export { compliancePlugin as default } from './plugin';
