/**
 * RIS workflow events from HL7 v2 messages and CSV exports, with no Spark: splitting files into messages, decoding,
 * parsing with HAPI, mapping to {@link org.imaginglake.core.ris.RisEvent} rows (pseudonymised) and quarantine
 * reasons. The vocabulary and the field-by-field rules are in {@code docs/ris-events.md}.
 */
package org.imaginglake.core.ris;
