/** 2-D geometry in the local metric frame (x east, y north, metres): vectors, shapes, ray casting. */
package io.lockstep.platform.geometry;
