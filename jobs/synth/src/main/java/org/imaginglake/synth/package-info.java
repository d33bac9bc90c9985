/**
 * A deterministic synthetic radiology department: {@link org.imaginglake.synth.Generator} simulates sites,
 * scanners, orders, exams and reading, then writes DICOM Part-10 files, HL7 v2 messages, a RIS event CSV and the
 * ground truth every metric can be checked against. See docs/synthetic-department.md.
 */
package org.imaginglake.synth;
