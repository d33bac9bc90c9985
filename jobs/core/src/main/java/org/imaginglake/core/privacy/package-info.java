/**
 * What the lake may keep about a person: keyed pseudonyms shared by every job ({@link
 * org.imaginglake.core.privacy.Pseudonymizer}, {@link org.imaginglake.core.privacy.PseudonymKeys}) and the
 * de-identification applied to each DICOM header before it is stored ({@link
 * org.imaginglake.core.privacy.HeaderDeidentifier}).
 */
package org.imaginglake.core.privacy;
