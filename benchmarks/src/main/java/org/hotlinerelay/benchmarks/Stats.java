// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.benchmarks;

import java.util.Arrays;

/** The few statistics the measurements report, written out (no library on the benchmark path). */
final class Stats {
  private Stats() {}

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** Pearson's correlation coefficient. */
  static double correlation(double[] x, double[] y) {
    double mx = Arrays.stream(x).average().orElse(0);
    double my = Arrays.stream(y).average().orElse(0);
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < x.length; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
      syy += (y[i] - my) * (y[i] - my);
    }
    return sxy / Math.sqrt(sxx * syy);
  }

  /** The one-sample Kolmogorov-Smirnov statistic D of {@code values} against U(0, 1). */
  static double ksUniform(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    double d = 0;
    for (int i = 0; i < n; i++) {
      double f = Math.min(1, Math.max(0, sorted[i]));
      d = Math.max(d, Math.max((i + 1.0) / n - f, f - (double) i / n));
    }
    return d;
  }

  /** The asymptotic p-value of a KS statistic {@code d} from {@code n} values (Stephens' correction). */
  static double ksPValue(double d, int n) {
    double lambda = (Math.sqrt(n) + 0.12 + 0.11 / Math.sqrt(n)) * d;
    double sum = 0;
    for (int j = 1; j <= 100; j++) {
      sum += (j % 2 == 1 ? 2 : -2) * Math.exp(-2.0 * j * j * lambda * lambda);
    }
    return Math.min(1, Math.max(0, sum));
  }

  /** Mann-Whitney U of {@code a} against {@code b} (ties count a half), as the AUC U / (n_a n_b). */
  static double auc(double[] a, double[] b) {
    double u = 0;
    for (double x : a) {
      for (double y : b) {
        u += x > y ? 1 : x == y ? 0.5 : 0;
      }
    }
    return u / ((double) a.length * b.length);
  }

  /** The two-sided p-value of the Mann-Whitney test for that AUC (normal approximation, no tie correction). */
  static double mannWhitneyP(double auc, int na, int nb) {
    double u = auc * na * nb;
    double mean = na * (double) nb / 2;
    double sd = Math.sqrt(na * (double) nb * (na + nb + 1) / 12);
    double z = Math.abs(u - mean) / sd;
    return 2 * (1 - normalCdf(z));
  }

  /** The standard normal CDF (Abramowitz-Stegun 26.2.17, error below 7.5e-8). */
  static double normalCdf(double z) {
    double t = 1 / (1 + 0.2316419 * Math.abs(z));
    double poly = t * (0.319381530 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
    double tail = Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI) * poly;
    return z >= 0 ? 1 - tail : tail;
  }
}
