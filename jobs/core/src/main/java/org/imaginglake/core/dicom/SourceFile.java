package org.imaginglake.core.dicom;

import java.time.Instant;

/** A file as the listing saw it: where, how big, when last modified. Identity for incremental re-runs. */
public record SourceFile(String path, long sizeBytes, Instant modifiedAt) implements java.io.Serializable {}
