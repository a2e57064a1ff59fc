package io.lariat.prompts.grammar;

import io.lariat.prompts.grammar.SchemaRule.NumberRule;

/**
 * Inside a JSON number. Lengths are bounded so that a number always ends: at most {@link #MAX_DIGITS} digits before
 * and after the point and 3 in the exponent. For an integer rule with bounds, the digits written so far are tracked
 * and a digit is allowed only when some completion lies within the bounds.
 *
 * @param rule     the number's rule
 * @param phase    position in the number grammar (constants below)
 * @param negative a minus sign was written
 * @param value    the integer part's magnitude so far (bounded integer rules only, else 0)
 * @param digits   digits written in the current part
 */
record NumberFrame(NumberRule rule, int phase, boolean negative, long value, int digits) implements Frame {
    static final int MAX_DIGITS = 15;
    private static final int START = 0;
    private static final int MINUS = 1;
    private static final int INT = 2;
    private static final int DOT = 3;
    private static final int FRACTION = 4;
    private static final int EXP = 5;
    private static final int EXP_SIGN = 6;
    private static final int EXP_DIGITS = 7;

    static NumberFrame begin(NumberRule rule) {
        return new NumberFrame(rule, START, false, 0, 0);
    }

    @Override
    public void step(int b, Stack rest, Steps out) {
        NumberFrame next = advance(b);
        if (next != null) {
            out.add(new Stack(next, rest));
        }
    }

    @Override
    public boolean canEnd() {
        return switch (phase) {
            case INT -> !rule.bounded() || inRange(negative ? -value : value);
            case FRACTION, EXP_DIGITS -> true;
            default -> false;
        };
    }

    private NumberFrame advance(int b) {
        boolean digit = b >= '0' && b <= '9';
        return switch (phase) {
            case START -> b == '-' ? (rule.min < 0 ? with(MINUS, true, 0, 0) : null) : digit ? firstDigit(b) : null;
            case MINUS -> digit ? firstDigit(b) : null;
            case INT -> digit ? nextDigit(b) : afterInteger(b);
            case DOT -> digit ? with(FRACTION, negative, 0, 1) : null;
            case FRACTION -> digit && digits < MAX_DIGITS ? with(FRACTION, negative, 0, digits + 1)
                    : b == 'e' || b == 'E' ? with(EXP, negative, 0, 0) : null;
            case EXP -> b == '+' || b == '-' ? with(EXP_SIGN, negative, 0, 0) : digit ? with(EXP_DIGITS, negative, 0, 1)
                    : null;
            case EXP_SIGN -> digit ? with(EXP_DIGITS, negative, 0, 1) : null;
            default -> digit && digits < 3 ? with(EXP_DIGITS, negative, 0, digits + 1) : null;
        };
    }

    private NumberFrame firstDigit(int b) {
        int d = b - '0';
        // a leading zero is the whole integer part; "-0" is refused for integers (it reads as 0 but looks odd)
        if (d == 0 && negative && rule.integer) {
            return null;
        }
        if (rule.bounded() && !feasible(d, 1)) {
            return null;
        }
        return with(INT, negative, rule.bounded() ? d : 0, d == 0 ? MAX_DIGITS : 1);
    }

    private NumberFrame nextDigit(int b) {
        if (digits >= MAX_DIGITS) {
            return null;
        }
        long next = value * 10 + (b - '0');
        if (rule.bounded() && !feasible(next, digits + 1)) {
            return null;
        }
        return with(INT, negative, rule.bounded() ? next : 0, digits + 1);
    }

    private NumberFrame afterInteger(int b) {
        if (rule.integer) {
            return null;
        }
        return b == '.' ? with(DOT, negative, 0, 0) : b == 'e' || b == 'E' ? with(EXP, negative, 0, 0) : null;
    }

    /** Whether a magnitude starting with these digits (or equal to them) can land within the bounds. */
    private boolean feasible(long magnitude, int written) {
        long lo = magnitude;
        long span = 1;
        for (int more = 0; more + written <= MAX_DIGITS && (magnitude != 0 || more == 0); more++) {
            long hi = lo + span - 1;
            long from = negative ? -hi : lo;
            long to = negative ? -lo : hi;
            if (from <= rule.max && to >= rule.min) {
                return true;
            }
            lo *= 10;
            span *= 10;
        }
        return false;
    }

    private boolean inRange(long v) {
        return v >= rule.min && v <= rule.max;
    }

    private NumberFrame with(int newPhase, boolean newNegative, long newValue, int newDigits) {
        return new NumberFrame(rule, newPhase, newNegative, newValue, newDigits);
    }
}
