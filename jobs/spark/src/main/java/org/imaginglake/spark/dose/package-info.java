/**
 * Radiation dose tables derived from {@code dose_studies} and {@code dose_events}, as Dataset-in/Dataset-out
 * transforms: comparison with diagnostic reference levels ({@link org.imaginglake.spark.dose.DoseReferenceComparison})
 * and cumulative dose per patient ({@link org.imaginglake.spark.dose.CumulativeDose}).
 */
package org.imaginglake.spark.dose;
