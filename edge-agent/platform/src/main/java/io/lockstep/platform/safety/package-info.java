/** The always-on safety supervisor every actuator command passes through, and its dead-man's switch. */
package io.lockstep.platform.safety;
