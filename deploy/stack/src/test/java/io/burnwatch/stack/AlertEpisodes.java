package io.burnwatch.stack;

import io.burnwatch.schema.Alert;
import io.burnwatch.schema.AlertStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The alerts read from the alerts topic, by episode: the alert id is deterministic per episode. */
final class AlertEpisodes {

    private final Map<String, List<Alert>> byId;

    AlertEpisodes(List<Alert> alerts) {
        this.byId = alerts.stream().collect(Collectors.groupingBy(a -> a.getAlertId().toString(), TreeMap::new,
                Collectors.toList()));
    }

    /** How many OPEN records each episode has: one each, however often the app died. */
    Map<String, Long> opens() {
        Map<String, Long> opens = new TreeMap<>();
        byId.forEach((id, states) -> opens.put(id, states.stream().filter(a -> a.getStatus() == AlertStatus.OPEN).count()));
        return opens;
    }

    /** The users with an episode opened in {@code [from, to)}. */
    List<String> usersOpenedBetween(Instant from, Instant to) {
        return byId.values().stream().flatMap(List::stream)
                .filter(a -> !a.getOpenedAt().isBefore(from) && a.getOpenedAt().isBefore(to))
                .map(a -> a.getUserId().toString()).distinct().sorted().toList();
    }
}
