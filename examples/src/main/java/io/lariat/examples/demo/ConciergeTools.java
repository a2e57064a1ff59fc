package io.lariat.examples.demo;

import io.lariat.tools.Tool;
import io.lariat.tools.ToolParam;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The concierge agent's custom tools: an order lookup over an in-memory shop and a unit converter.
 *
 * <p>Orders are derived from their id (a stable hash picks the item, status and dates), so every id of the form
 * {@code A-12345} exists and answers the same way each time: the demo needs no database. Stateless and thread-safe.
 */
public final class ConciergeTools {

    static final List<String> ITEMS = List.of("desk lamp", "coffee grinder", "hiking backpack", "wireless keyboard",
            "rain jacket", "cast-iron pan", "yoga mat", "water bottle", "bluetooth speaker", "reading chair");
    static final List<String> STATUSES = List.of("processing", "shipped", "delivered", "cancelled");
    private static final LocalDate EPOCH = LocalDate.of(2025, 1, 1);

    /**
     * Units the converter knows: factor to the base unit of its dimension (temperatures are special-cased). Inches
     * and temperatures are spelled out because "in", "c" and "f" read as words in a question ("795 f in c"); the
     * short forms are still accepted.
     */
    private static final Map<String, double[]> UNITS = Map.ofEntries(
            Map.entry("km", new double[] {0, 1000}), Map.entry("m", new double[] {0, 1}),
            Map.entry("cm", new double[] {0, 0.01}), Map.entry("mi", new double[] {0, 1609.344}),
            Map.entry("ft", new double[] {0, 0.3048}), Map.entry("inch", new double[] {0, 0.0254}),
            Map.entry("in", new double[] {0, 0.0254}),
            Map.entry("kg", new double[] {1, 1}), Map.entry("g", new double[] {1, 0.001}),
            Map.entry("lb", new double[] {1, 0.45359237}), Map.entry("oz", new double[] {1, 0.028349523125}),
            Map.entry("l", new double[] {2, 1}), Map.entry("ml", new double[] {2, 0.001}),
            Map.entry("gal", new double[] {2, 3.785411784}), Map.entry("celsius", new double[] {3, 1}),
            Map.entry("c", new double[] {3, 1}), Map.entry("fahrenheit", new double[] {3, 1}),
            Map.entry("f", new double[] {3, 1}));

    /** An order as the shop reports it. */
    public record OrderStatus(String orderId, String item, String status, String estimatedDelivery) {
    }

    /** A converted quantity, rounded to 4 significant decimals. */
    public record Conversion(double value, String from, double result, String to) {
    }

    @Tool("Look up an order: item, status, delivery date")
    public OrderStatus lookupOrder(@ToolParam("Order id, like A-10234") String orderId) {
        String id = orderId.trim().toUpperCase(Locale.ROOT);
        if (!id.matches("A-\\d{5}")) {
            throw new IllegalArgumentException("no order " + orderId + "; order ids look like A-10234");
        }
        int h = Math.floorMod(id.hashCode() * 0x9E3779B1, 1 << 30);
        String status = STATUSES.get(h % STATUSES.size());
        String eta = status.equals("cancelled") ? "none" : EPOCH.plusDays(h / 7 % 365).toString();
        return new OrderStatus(id, ITEMS.get(h / 3 % ITEMS.size()), status, eta);
    }

    @Tool("Convert a quantity between units")
    public Conversion convertUnits(@ToolParam("Quantity") double value,
                                   @ToolParam("From unit: km, m, cm, mi, ft, inch, kg, g, lb, oz, l, ml, gal, celsius, "
                                           + "fahrenheit") String from,
                                   @ToolParam("To unit") String to) {
        double[] a = unit(from);
        double[] b = unit(to);
        if (a[0] != b[0]) {
            throw new IllegalArgumentException("cannot convert " + from + " to " + to + ": different quantities");
        }
        double result = a[0] == 3 ? temperature(value, from, to) : value * a[1] / b[1];
        return new Conversion(value, from, Math.round(result * 10_000) / 10_000.0, to);
    }

    private static double[] unit(String name) {
        double[] u = UNITS.get(name.trim().toLowerCase(Locale.ROOT));
        if (u == null) {
            throw new IllegalArgumentException("unknown unit " + name);
        }
        return u;
    }

    private static double temperature(double value, String from, String to) {
        double celsius = fahrenheit(from) ? (value - 32) * 5 / 9 : value;
        return fahrenheit(to) ? celsius * 9 / 5 + 32 : celsius;
    }

    private static boolean fahrenheit(String unit) {
        String name = unit.trim().toLowerCase(Locale.ROOT);
        return name.equals("f") || name.equals("fahrenheit");
    }
}
