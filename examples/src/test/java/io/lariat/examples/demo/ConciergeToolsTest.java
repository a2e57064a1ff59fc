package io.lariat.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConciergeToolsTest {
    private final ConciergeTools tools = new ConciergeTools();

    static Stream<Arguments> conversions() {
        return Stream.of(
                Arguments.of(212.0, "fahrenheit", "celsius", 100.0),
                Arguments.of(212.0, "f", "c", 100.0),
                Arguments.of(100.0, "celsius", "fahrenheit", 212.0),
                Arguments.of(-40.0, "Celsius", "F", -40.0),
                Arguments.of(795.0, "fahrenheit", "celsius", 423.8889),
                Arguments.of(12.0, "inch", "ft", 1.0),
                Arguments.of(12.0, "in", "ft", 1.0),
                Arguments.of(5.0, "mi", "km", 8.0467),
                Arguments.of(10.0, "pounds", "kilograms", 4.5359),
                Arguments.of(10.0, "lbs", "kg", 4.5359),
                Arguments.of(1.0, "Pound", "ounces", 16.0),
                Arguments.of(26.2, "miles", "kilometres", 42.1648),
                Arguments.of(3.0, "feet", "inches", 36.0),
                Arguments.of(2.0, "gallons", "litres", 7.5708),
                Arguments.of(500.0, "ml", "liters", 0.5),
                Arguments.of(98.6, "degrees Fahrenheit", "degrees Celsius", 37.0),
                Arguments.of(0.0, "°C", "kelvin", 273.15),
                Arguments.of(5.0, "公里", "米", 5000.0),
                Arguments.of(2.0, "公斤", "磅", 4.4092));
    }

    @ParameterizedTest
    @MethodSource("conversions")
    void convertsBetweenSpelledOutAndShortUnitNames(double value, String from, String to, double expected) {
        assertEquals(expected, tools.convertUnits(value, from, to).result());
    }

    @Test
    void refusesToConvertBetweenQuantities() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> tools.convertUnits(1, "celsius", "inch"));
        assertEquals("cannot convert celsius to inch: different quantities", e.getMessage());
    }

    @Test
    void namesAnUnknownUnit() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> tools.convertUnits(1, "furlongs", "km"));
        assertEquals("unknown unit furlongs", e.getMessage());
    }
}
