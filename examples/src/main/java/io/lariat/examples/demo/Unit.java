package io.lariat.examples.demo;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The units {@code convert_units} knows, each with the words people write for it: symbols, singular and plural
 * names, British spellings and Chinese names ("lb", "pounds", "kilometres", "公里"). Temperatures convert by
 * formula, everything else by a factor to its dimension's base unit.
 */
enum Unit {
    KILOMETER(Dimension.LENGTH, 1000, "km", "kms", "kilometer", "kilometers", "kilometre", "kilometres", "公里", "千米"),
    METER(Dimension.LENGTH, 1, "m", "meter", "meters", "metre", "metres", "米"),
    CENTIMETER(Dimension.LENGTH, 0.01, "cm", "cms", "centimeter", "centimeters", "centimetre", "centimetres", "厘米"),
    MILLIMETER(Dimension.LENGTH, 0.001, "mm", "millimeter", "millimeters", "millimetre", "millimetres", "毫米"),
    MILE(Dimension.LENGTH, 1609.344, "mi", "mile", "miles", "英里"),
    YARD(Dimension.LENGTH, 0.9144, "yd", "yds", "yard", "yards", "码"),
    FOOT(Dimension.LENGTH, 0.3048, "ft", "foot", "feet", "英尺"),
    INCH(Dimension.LENGTH, 0.0254, "inch", "inches", "in", "\"", "英寸"),
    KILOGRAM(Dimension.MASS, 1, "kg", "kgs", "kilogram", "kilograms", "kilo", "kilos", "公斤", "千克"),
    GRAM(Dimension.MASS, 0.001, "g", "gram", "grams", "gramme", "grammes", "克"),
    POUND(Dimension.MASS, 0.45359237, "lb", "lbs", "pound", "pounds", "磅"),
    OUNCE(Dimension.MASS, 0.028349523125, "oz", "ounce", "ounces", "盎司"),
    LITER(Dimension.VOLUME, 1, "l", "liter", "liters", "litre", "litres", "升"),
    MILLILITER(Dimension.VOLUME, 0.001, "ml", "milliliter", "milliliters", "millilitre", "millilitres", "毫升"),
    GALLON(Dimension.VOLUME, 3.785411784, "gal", "gallon", "gallons", "加仑"),
    CELSIUS(Dimension.TEMPERATURE, 1, "celsius", "c", "°c", "centigrade", "摄氏度", "摄氏"),
    FAHRENHEIT(Dimension.TEMPERATURE, 1, "fahrenheit", "f", "°f", "华氏度", "华氏"),
    KELVIN(Dimension.TEMPERATURE, 1, "kelvin", "kelvins", "k", "开尔文");

    /** What a unit measures; only units of one dimension convert into each other. */
    enum Dimension { LENGTH, MASS, VOLUME, TEMPERATURE }

    private static final Map<String, Unit> BY_WORD = new HashMap<>();

    static {
        for (Unit unit : values()) {
            for (String word : unit.words) {
                BY_WORD.put(word, unit);
            }
        }
    }

    final Dimension dimension;
    final double factor;
    private final List<String> words;

    Unit(Dimension dimension, double factor, String... words) {
        this.dimension = dimension;
        this.factor = factor;
        this.words = List.of(words);
    }

    /** The unit a word names: case, surrounding blanks, "degrees" and a final period do not matter. */
    static Optional<Unit> named(String word) {
        String key = word.strip().toLowerCase(Locale.ROOT).replaceAll("\\.$", "")
                .replaceAll("^(?:degrees?|deg)\\s+", "").replaceAll("^°\\s*", "°").replaceAll("\\s+", " ");
        return Optional.ofNullable(BY_WORD.get(key));
    }

    /** {@code value} of this unit expressed in {@code target}, which must have the same dimension. */
    double convert(double value, Unit target) {
        if (dimension != Dimension.TEMPERATURE) {
            return value * factor / target.factor;
        }
        double celsius = switch (this) {
            case FAHRENHEIT -> (value - 32) * 5 / 9;
            case KELVIN -> value - 273.15;
            default -> value;
        };
        return switch (target) {
            case FAHRENHEIT -> celsius * 9 / 5 + 32;
            case KELVIN -> celsius + 273.15;
            default -> celsius;
        };
    }
}
