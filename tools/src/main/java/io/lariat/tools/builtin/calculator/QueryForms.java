package io.lariat.tools.builtin.calculator;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the plain-language forms models send ("what is 17% of 2,340?", "sqrt(2) to 30 digits",
 * "the 100th decimal of pi", "2 to the power of 10") into an expression and a precision request.
 */
final class QueryForms {

    /** What was asked: the expression and how to present it. */
    record Request(String expression, Precision precision) {
    }

    /** Requested precision. */
    sealed interface Precision permits Significant, DecimalPlaces, DigitAt {
    }

    /** So many significant digits. */
    record Significant(int digits) implements Precision {
    }

    /** So many digits after the decimal point. */
    record DecimalPlaces(int places) implements Precision {
    }

    /** Only the n-th digit after the decimal point. */
    record DigitAt(int index) implements Precision {
    }

    static final int DEFAULT_DIGITS = 20;
    static final int MAX_DIGITS = 1000;

    private static final Pattern LEAD = Pattern.compile("^(?:(?:hi|hey|hello)[,!]?\\s+)?(?:please\\s+)?"
            + "(?:(?:can|could|would)\\s+you\\s+(?:please\\s+)?)?(?:what\\s+is|what's|whats|calculate|compute|"
            + "evaluate|how\\s+much\\s+is|find|simplify|tell\\s+me|work\\s+out|figure\\s+out)\\s+"
            + "(?:the\\s+value\\s+of\\s+)?");
    private static final Pattern TAIL = Pattern.compile("\\s+(?:for\\s+me|please|thanks|thank\\s+you)$");
    private static final Pattern SIGNIFICANT = Pattern.compile("\\s*,?\\s*(?:to|with|in|using)\\s+(\\d+)\\s+"
            + "(?:significant\\s+)?(?:digits?|figures?|sig\\.?\\s*figs?)(?:\\s+of\\s+precision)?");
    private static final Pattern PLACES = Pattern.compile("\\s*,?\\s*(?:to|with|rounded\\s+to)\\s+(\\d+)\\s+"
            + "decimal(?:\\s+places?|s)?");
    private static final Pattern DIGITS_OF = Pattern.compile("^(?:the\\s+)?(?:first\\s+)?(\\d+)\\s+"
            + "(?:significant\\s+)?digits\\s+of\\s+");
    private static final Pattern DIGIT_AT = Pattern.compile("^(?:the\\s+)?(\\d+)(?:st|nd|rd|th)\\s+(?:decimal|digit)"
            + "(?:\\s+digit|\\s+place)?(?:\\s+after\\s+the\\s+decimal\\s+point)?\\s+of\\s+");
    private static final Pattern WHAT_PERCENT = Pattern.compile("^(.+?)\\s+is\\s+what\\s+(?:percent|%)\\s+of\\s+(.+)$");
    private static final Pattern NTH_ROOT = Pattern.compile("(\\d+)(?:st|nd|rd|th)\\s+root\\s+of\\s+"
            + "(\\([^()]*\\)|[\\w.]+)");
    private static final Pattern LOG_BASE = Pattern.compile("\\blog(?:arithm)?\\s+(?:to\\s+)?base\\s+(\\S+)\\s+of\\s+"
            + "(\\([^()]*\\)|[\\w.]+)");
    private static final Pattern LOG_SUBSCRIPT = Pattern.compile("\\blog_(\\d+)\\s*\\(");
    private static final Pattern FACTORIAL_AFTER = Pattern.compile("([\\w.)]+)\\s+factorial\\b");
    private static final Pattern ORDINAL_POWER = Pattern.compile("\\^\\s*(\\d+)(?:st|nd|rd|th)(?:\\s+power)?");

    /** Word forms, applied in order: each pattern and its replacement. */
    private static final List<String[]> WORDS = List.of(
            new String[] {"\\bsquare\\s+root\\s+of\\b", " sqrt "},
            new String[] {"\\bcube\\s+root\\s+of\\b", " cbrt "},
            new String[] {"\\bto\\s+the\\s+power\\s+of\\b|\\braised\\s+to(?:\\s+the\\s+power\\s+of)?\\b"
                    + "|\\bto\\s+the\\b", "^"},
            new String[] {"\\bsquared\\b", "^2"},
            new String[] {"\\bcubed\\b", "^3"},
            new String[] {"\\bfactorial\\s+of\\b", " factorial "},
            new String[] {"\\bmultiplied\\s+by\\b|\\btimes\\b", "*"},
            new String[] {"\\bdivided\\s+by\\b|\\bover\\b", "/"},
            new String[] {"\\bplus\\b|\\badded\\s+to\\b", "+"},
            new String[] {"\\bminus\\b", "-"},
            new String[] {"\\bmodulo\\b", " mod "},
            new String[] {"\\bnatural\\s+log(?:arithm)?\\b", "ln"},
            new String[] {"\\blogarithm\\b", "log"},
            new String[] {"\\bsine\\b", "sin"},
            new String[] {"\\bcosine\\b", "cos"},
            new String[] {"\\btangent\\b", "tan"},
            new String[] {"\\babsolute\\s+value\\b", "abs"},
            new String[] {"\\b(sqrt|cbrt|ln|log|log2|log10|exp|sin|cos|tan|asin|acos|atan|abs|floor|ceil|ceiling)"
                    + "\\s+of\\b", "$1"},
            new String[] {"(?:%|\\bpercent\\b|\\bper\\s+cent\\b)\\s+of\\b", "% *"},
            new String[] {"\\bpercent\\b|\\bper\\s+cent\\b", "%"},
            new String[] {"\\bradians?\\b|\\brad\\b", ""},
            new String[] {"\\bthe\\b", ""});

    private QueryForms() {
    }

    static Request interpret(String query) {
        String text = query.strip().toLowerCase(Locale.ROOT).replaceAll("[?.=\\s]+$", "");
        text = TAIL.matcher(LEAD.matcher(text).replaceFirst("")).replaceFirst("");
        Precision precision = new Significant(DEFAULT_DIGITS);
        Matcher m;
        if ((m = DIGIT_AT.matcher(text)).find()) {
            precision = new DigitAt(limit(m.group(1)));
            text = text.substring(m.end());
        } else if ((m = DIGITS_OF.matcher(text)).find()) {
            precision = new Significant(limit(m.group(1)));
            text = text.substring(m.end());
        }
        if ((m = SIGNIFICANT.matcher(text)).find()) {
            precision = new Significant(limit(m.group(1)));
            text = text.substring(0, m.start()) + text.substring(m.end());
        } else if ((m = PLACES.matcher(text)).find()) {
            precision = new DecimalPlaces(limit(m.group(1)));
            text = text.substring(0, m.start()) + text.substring(m.end());
        }
        return new Request(words(NaturalPhrases.rewrite(text)).strip(), precision);
    }

    private static String words(String input) {
        String text = input;
        Matcher m = WHAT_PERCENT.matcher(text);
        if (m.matches()) {
            text = "(" + m.group(1) + ") / (" + m.group(2) + ") * 100";
        }
        text = NTH_ROOT.matcher(text).replaceAll("root($1, $2)");
        text = LOG_BASE.matcher(text).replaceAll("log($1, $2)");
        text = LOG_SUBSCRIPT.matcher(text).replaceAll("log($1, ");
        for (String[] rule : WORDS) {
            text = text.replaceAll(rule[0], rule[1]);
        }
        text = FACTORIAL_AFTER.matcher(text).replaceAll("$1!");
        return ORDINAL_POWER.matcher(text).replaceAll("^$1");
    }

    private static int limit(String digits) {
        int value = Integer.parseInt(digits.length() > 6 ? "9999999" : digits);
        if (value < 1 || value > MAX_DIGITS) {
            throw new CalculationException("cannot evaluate: precision must be between 1 and " + MAX_DIGITS
                    + " digits");
        }
        return value;
    }
}
