package org.imaginglake.synth.sim;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random streams derived from the seed and the name of an entity ("book", scanner id, date), so each entity draws
 * the same numbers whatever else is generated and in whatever order. Also the few distributions the model uses.
 */
public final class Rng {
  private final SplittableRandom random;

  private Rng(long state) {
    this.random = new SplittableRandom(state);
  }

  /** The stream for the entity named by {@code parts} under {@code seed}. */
  public static Rng of(long seed, Object... parts) {
    long h = 0xcbf29ce484222325L ^ seed;
    for (Object part : parts) {
      for (byte b : String.valueOf(part).getBytes(StandardCharsets.UTF_8)) {
        h = (h ^ b) * 0x100000001b3L;
      }
      h = (h ^ 0x1f) * 0x100000001b3L;
    }
    return new Rng(mix(h ^ (seed * 0x9e3779b97f4a7c15L)));
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  public double uniform() {
    return random.nextDouble();
  }

  public double uniform(double min, double max) {
    return min + (max - min) * random.nextDouble();
  }

  /** An int in [min, max], both inclusive. */
  public int between(int min, int max) {
    return min + random.nextInt(max - min + 1);
  }

  public boolean chance(double p) {
    return random.nextDouble() < p;
  }

  public double gaussian() {
    return random.nextGaussian();
  }

  /** Log-normal with the given median and log-standard deviation. */
  public double logNormal(double median, double logSd) {
    return median * Math.exp(logSd * random.nextGaussian());
  }

  /** Poisson count with mean {@code lambda} (Knuth's method; the model's means are small). */
  public int poisson(double lambda) {
    double limit = Math.exp(-lambda);
    double p = random.nextDouble();
    int k = 0;
    while (p > limit) {
      p *= random.nextDouble();
      k++;
    }
    return k;
  }

  public <T> T pick(List<T> items) {
    return items.get(random.nextInt(items.size()));
  }

  /** Picks by weight: {@code weights[i]} for {@code items.get(i)}. */
  public <T> T pick(List<T> items, double... weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double x = random.nextDouble() * total;
    for (int i = 0; i < weights.length; i++) {
      x -= weights[i];
      if (x < 0) {
        return items.get(i);
      }
    }
    return items.get(items.size() - 1);
  }
}
