package io.lockstep.mesh.message.scouting;

/** A scouting message, exchanged over UDP. */
public sealed interface ScoutingMessage permits Scout, Hello {
}
