/** Immutable values of the simulated department: sites, scanners, protocols, patients, readers and exams. */
package org.imaginglake.synth.model;
