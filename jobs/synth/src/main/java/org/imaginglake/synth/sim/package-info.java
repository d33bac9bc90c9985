/**
 * The discrete-event simulation that turns a profile and a seed into a {@link org.imaginglake.synth.model.Department}:
 * bookings and walk-in orders, per-scanner queues, reading by a rota of named radiologists, and acquisitions.
 * Every random draw comes from a stream derived from the seed and the entity it is about ({@link Rng}).
 */
package org.imaginglake.synth.sim;
