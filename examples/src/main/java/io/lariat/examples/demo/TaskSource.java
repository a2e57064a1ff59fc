package io.lariat.examples.demo;

import java.util.List;
import java.util.SplittableRandom;

/** Generates tasks for one agent from templates, numbers and names drawn from a seeded random source. */
interface TaskSource {

    /** A new task; the same random state and phrasing always give the same task. */
    DemoTask next(SplittableRandom random, Phrasing phrasing);

    /** One element of a list, uniformly. */
    static <T> T pick(SplittableRandom random, List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    /** A positive integer with 1 to {@code maxDigits} digits, each digit count equally likely. */
    static long number(SplittableRandom random, int maxDigits) {
        int digits = 1 + random.nextInt(maxDigits);
        long low = digits == 1 ? 1 : (long) Math.pow(10, digits - 1);
        return low + random.nextLong((long) Math.pow(10, digits) - low);
    }
}
