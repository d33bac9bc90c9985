package org.imaginglake.spark.runs;

/**
 * What a run did with its inputs. The invariant {@code inputs == loaded + duplicates + quarantined} is checked on
 * construction: a run whose books do not balance is a defect and must fail loudly, not be recorded.
 *
 * @param inputs inputs considered (for ingest-dicom: files new or changed since the last run)
 * @param loaded inputs that became or updated lake rows
 * @param duplicates inputs recognised as already present and not applied again
 * @param quarantined inputs sent to the quarantine table
 * @param unchangedSkipped listed but not read because an earlier run read them unchanged (not part of inputs)
 */
public record RunCounts(long inputs, long loaded, long duplicates, long quarantined, long unchangedSkipped) {
  public RunCounts {
    if (inputs != loaded + duplicates + quarantined) {
      throw new IllegalStateException("Run does not reconcile: inputs " + inputs + " != loaded " + loaded
          + " + duplicates " + duplicates + " + quarantined " + quarantined);
    }
  }
}
