package io.burnwatch.streams.config;

import static io.burnwatch.streams.config.BurnwatchSettings.PREFIX;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigException;

/**
 * Settings from environment variables: {@code KAFKA_BOOTSTRAP_SERVERS=x} becomes {@code bootstrap.servers=x} and
 * {@code BURNWATCH_TOPIC_USAGE=y} becomes {@code burnwatch.topic.usage=y}. A {@code BURNWATCH_*} variable that
 * names no setting is refused, since a misspelt one would otherwise leave its setting at the default unnoticed.
 */
final class EnvironmentSettings {

    static final String KAFKA_ENV = "KAFKA_";
    static final String BURNWATCH_ENV = "BURNWATCH_";

    /*
     * Kubernetes adds variables for every Service of the namespace to each pod: the Service burnwatch-http gives
     * BURNWATCH_HTTP_SERVICE_HOST, BURNWATCH_HTTP_SERVICE_PORT[_HTTP], BURNWATCH_HTTP_PORT_8080_TCP[_ADDR|_PORT|_PROTO]
     * (and BURNWATCH_HTTP_PORT=tcp://..., which the StatefulSet overrides with the port the app serves on).
     */
    private static final Pattern SERVICE_LINK = Pattern.compile(
            "[A-Z0-9_]+_(SERVICE_HOST|SERVICE_PORT(_[A-Z0-9_]+)?|PORT_\\d+_(TCP|UDP|SCTP)(_ADDR|_PORT|_PROTO)?)");
    private static final Pattern SERVICE_LINK_PORT = Pattern.compile("(tcp|udp|sctp)://.*");

    private EnvironmentSettings() {
    }

    /**
     * The settings {@code env} sets.
     *
     * @throws ConfigException naming a {@code BURNWATCH_*} variable that is no setting, the closest one that is,
     *                         and the fix
     */
    static Map<String, String> of(Map<String, String> env) {
        Map<String, String> mapped = new TreeMap<>();
        new TreeMap<>(env).forEach((name, value) -> {
            if (isServiceLink(name, value)) {
                return;
            }
            if (name.startsWith(KAFKA_ENV) && !isLauncherVariable(name)) {
                mapped.put(toKey(name.substring(KAFKA_ENV.length())), value);
            } else if (name.startsWith(BURNWATCH_ENV)) {
                String key = PREFIX + toKey(name.substring(BURNWATCH_ENV.length()));
                String renamed = BurnwatchSettings.RENAMED.get(key);
                if (renamed != null) {
                    throw new ConfigException("Setting " + key + " in the environment (" + name + ") was renamed: set "
                            + renamed + " (" + variable(renamed) + ") instead");
                }
                if (!BurnwatchSettings.DEFINITION.names().contains(key)) {
                    throw unknown(name);
                }
                mapped.put(key, value);
            }
        });
        return mapped;
    }

    /** The variable that sets {@code setting}: {@code burnwatch.idle.window} is {@code BURNWATCH_IDLE_WINDOW}. */
    static String variable(String setting) {
        return setting.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    private static ConfigException unknown(String name) {
        List<String> known = BurnwatchSettings.DEFINITION.names().stream()
                .filter(setting -> setting.startsWith(PREFIX)).map(EnvironmentSettings::variable).toList();
        String hint = SettingNames.closest(name, known)
                .map(closest -> "did you mean " + closest + "? Rename it, or unset it")
                .orElse("unset it, or name a setting (BURNWATCH_ and a burnwatch.* setting in upper case, _ for .;"
                        + " see --help)");
        return new ConfigException("Unknown environment variable " + name + ": " + hint);
    }

    private static boolean isServiceLink(String name, String value) {
        return SERVICE_LINK.matcher(name).matches()
                || name.endsWith("_PORT") && value != null && SERVICE_LINK_PORT.matcher(value).matches();
    }

    // KAFKA_HEAP_OPTS, KAFKA_OPTS and friends configure Kafka's launch scripts, not clients.
    private static boolean isLauncherVariable(String name) {
        return name.endsWith("_OPTS") || name.equals("KAFKA_HOME");
    }

    private static String toKey(String variable) {
        return variable.toLowerCase(Locale.ROOT).replace('_', '.');
    }
}
