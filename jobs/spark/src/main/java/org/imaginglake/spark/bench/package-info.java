/**
 * Benchmarks run from the command line ({@code imaging-lake bench ...}): they build their own input, measure
 * against named baselines in the same JVM, and print a table. Tests never time anything; these do.
 */
package org.imaginglake.spark.bench;
