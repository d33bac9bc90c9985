package org.imaginglake.synth.model;

/**
 * A capacity problem injected on purpose, so a turnaround analysis has something to find: what it is, who or what
 * is affected, when (local time window) and a sentence describing the expected effect.
 */
public record Bottleneck(String id, String kind, String resource, String window, String description) {
}
