package io.lariat.agent.http;

import io.lariat.tools.Tool;
import io.lariat.tools.ToolParam;
import jakarta.enterprise.context.ApplicationScoped;

/** A CDI tool bean that the configured test agent {@code weather} names in {@code lariat.agents.weather.tools}. */
@ApplicationScoped
public class WeatherTestTools {

    @Tool("Current weather in a city")
    public String getWeather(@ToolParam(value = "City name", name = "city") String city) {
        return "22 C and sunny in " + city;
    }
}
