/** Mission areas into ordered cells, in integer E7 coordinates (see {@link io.lockstep.swarm.cells.GridDecomposition}). */
package io.lockstep.swarm.cells;
