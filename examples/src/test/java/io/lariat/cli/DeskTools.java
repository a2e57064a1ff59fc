package io.lariat.cli;

import io.lariat.tools.Tool;
import io.lariat.tools.ToolParam;
import jakarta.enterprise.context.ApplicationScoped;

/** An application's own tool bean, which {@code lariat.agents.<name>.tools} names like the examples' tools. */
@ApplicationScoped
public class DeskTools {

    @Tool("Opening hours of the help desk on a weekday")
    public String deskHours(@ToolParam("Weekday in English, e.g. Monday") String weekday) {
        return weekday.equalsIgnoreCase("sunday") ? "closed" : "09:00-17:00";
    }
}
