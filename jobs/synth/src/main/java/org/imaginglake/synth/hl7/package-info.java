/**
 * The RIS side: every workflow event of every order as an HL7 v2.5.1 message built with HAPI's model classes and
 * encoded with its PipeParser (one file per site and local day), and the same events as one CSV file.
 */
package org.imaginglake.synth.hl7;
