import { OPERATION_VARIABLES } from './hashes.ts';

/**
 * Whether the app's Radar operation takes the date of a past measurement
 * (`radar(op:)`, being added to the graph): adding `$op: Date` and `op: $op` to
 * operaties/radar.graphql and regenerating the manifest switches the past-date
 * radar on, on the Verloop and Radar pages.
 */
export const RADAR_OP = OPERATION_VARIABLES.Radar.includes('op');
