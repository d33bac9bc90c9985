package org.imaginglake.synth.model;

import java.time.Instant;

/**
 * True (UTC) timestamps of an exam's stages; null where a stage did not happen (no appointment for walk-ins,
 * nothing after a cancellation or no-show, no correction for most reports).
 */
public record StageTimes(Instant ordered, Instant scheduled, Instant arrived, Instant started, Instant completed,
    Instant preliminary, Instant finalized, Instant corrected, Instant cancelled) {
}
