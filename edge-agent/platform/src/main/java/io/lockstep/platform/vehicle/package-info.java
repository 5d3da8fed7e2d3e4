/** The vehicle hardware abstraction the node drives; see {@link io.lockstep.platform.vehicle.Vehicle}. */
package io.lockstep.platform.vehicle;
