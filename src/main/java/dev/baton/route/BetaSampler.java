package dev.baton.route;

import java.util.random.RandomGenerator;

/** Draws from Beta(a, b) via two Gamma draws (Marsaglia and Tsang). Stateless. */
final class BetaSampler {
    private BetaSampler() {}

    static double sample(double a, double b, RandomGenerator random) {
        double x = gamma(a, random);
        double y = gamma(b, random);
        return x / (x + y);
    }

    private static double gamma(double shape, RandomGenerator random) {
        if (shape < 1) {
            return gamma(shape + 1, random) * Math.pow(random.nextDouble(), 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = random.nextGaussian();
            double v = 1 + c * x;
            if (v <= 0) continue;
            v = v * v * v;
            double u = random.nextDouble();
            if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
                return d * v;
            }
        }
    }
}
