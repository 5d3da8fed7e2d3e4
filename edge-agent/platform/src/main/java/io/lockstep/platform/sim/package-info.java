/** The simulated vehicle and world: kinematics, battery, noisy sensors, world files. */
package io.lockstep.platform.sim;
