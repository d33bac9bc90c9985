package org.imaginglake.core.dose;

/**
 * A reference level of one category on one quantity. Without a national value the level is local only: the lake
 * still computes its local DRL and achievable dose.
 *
 * @param id the level's id in the DRL file ({@code level.<id>.*})
 * @param categoryId the category it applies to
 * @param quantity the quantity compared
 * @param scope per study (a total) or per irradiation event
 * @param nationalValue the published level in the quantity's lake unit; null for a local-only level
 * @param source where the national value is published; null exactly when nationalValue is
 */
public record DrlLevel(String id, String categoryId, DoseQuantity quantity, DoseQuantity.Scope scope,
    Double nationalValue, DrlSource source) {}
