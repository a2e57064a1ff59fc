package io.lariat.examples.demo;

import io.lariat.tools.Tool;
import io.lariat.tools.ToolParam;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * The concierge agent's custom tools: an order lookup over an in-memory shop and a unit converter.
 *
 * <p>Orders are derived from their id (a stable hash picks the item, status and dates), so every id of the form
 * {@code A-12345} exists and answers the same way each time: the demo needs no database. Stateless and thread-safe.
 * In the server it is a bean, so {@code lariat.agents.<name>.tools=ConciergeTools} finds it as any application's
 * {@code @Tool} bean is found.
 */
@ApplicationScoped
public class ConciergeTools {

    static final List<String> ITEMS = List.of("desk lamp", "coffee grinder", "hiking backpack", "wireless keyboard",
            "rain jacket", "cast-iron pan", "yoga mat", "water bottle", "bluetooth speaker", "reading chair");
    static final List<String> STATUSES = List.of("processing", "shipped", "delivered", "cancelled");
    private static final LocalDate EPOCH = LocalDate.of(2025, 1, 1);

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
                                   @ToolParam("From unit, as written: km, miles, inch, kg, pounds, lb, oz, l, ml, "
                                           + "gallons, celsius, fahrenheit, ...") String from,
                                   @ToolParam("To unit") String to) {
        Unit a = unit(from);
        Unit b = unit(to);
        if (a.dimension != b.dimension) {
            throw new IllegalArgumentException("cannot convert " + from + " to " + to + ": different quantities");
        }
        return new Conversion(value, from, Math.round(a.convert(value, b) * 10_000) / 10_000.0, to);
    }

    private static Unit unit(String name) {
        return Unit.named(name).orElseThrow(() -> new IllegalArgumentException("unknown unit " + name));
    }
}
