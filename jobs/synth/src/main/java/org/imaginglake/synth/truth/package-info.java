/** The ground truth: CSV files with the true answers (busy time, stage times, dose totals, lesion sizes). */
package org.imaginglake.synth.truth;
