package org.acme.shop;

import io.lariat.tools.Tool;
import io.lariat.tools.ToolParam;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Map;

/**
 * The shop's tools. Their names, descriptions and parameters are those of Lariat's concierge example, so that the
 * bundled demo model, trained on that agent, calls them.
 */
@ApplicationScoped
public class ShopTools {

    /** An order as the shop reports it. */
    public record OrderStatus(String orderId, String item, String status, String estimatedDelivery) {
    }

    /** A converted quantity. */
    public record Conversion(double value, String from, double result, String to) {
    }

    private static final Map<String, OrderStatus> ORDERS = Map.of(
            "A-10234", new OrderStatus("A-10234", "desk lamp", "shipped", "2025-03-14"));

    @Tool("Look up an order: item, status, delivery date")
    public OrderStatus lookupOrder(@ToolParam("Order id, like A-10234") String orderId) {
        OrderStatus order = ORDERS.get(orderId.trim().toUpperCase(Locale.ROOT));
        if (order == null) {
            throw new IllegalArgumentException("no order " + orderId);
        }
        return order;
    }

    @Tool("Convert a quantity between units")
    public Conversion convertUnits(@ToolParam("Quantity") double value,
                                   @ToolParam("From unit, as written: km, miles, inch, kg, pounds, lb, oz, l, ml, "
                                           + "gallons, celsius, fahrenheit, ...") String from,
                                   @ToolParam("To unit") String to) {
        if (from.equalsIgnoreCase("km") && to.equalsIgnoreCase("miles")) {
            return new Conversion(value, from, Math.round(value / 1.609344 * 10_000) / 10_000.0, to);
        }
        throw new IllegalArgumentException("this shop converts km to miles only");
    }
}
