package dev.ductor.gateway.matrix;

import java.nio.file.Path;

/** The folder of the gateway's Matrix state: credentials, sync token, room ids, rooms, button sets. */
public record MatrixStore(Path path) {}
