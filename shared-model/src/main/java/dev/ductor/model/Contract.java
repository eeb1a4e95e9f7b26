package dev.ductor.model;

/** Marker of every message that travels on the bus. The record's simple name is its {@code ductor-type}. */
public interface Contract {}
