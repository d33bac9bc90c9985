package org.imaginglake.core.dicom;

import com.pixelmed.dicom.AttributeList;

/**
 * A header read from one file: the attributes up to Pixel Data, what kind of file it was, its transfer syntax and
 * how many bytes were taken from storage to read it (the proof that reading stayed header-only).
 */
public record DicomHeader(AttributeList attributes, DicomFileKind kind, String transferSyntaxUid, long bytesRead) {}
