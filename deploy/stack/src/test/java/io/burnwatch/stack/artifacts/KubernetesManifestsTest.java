package io.burnwatch.stack.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.burnwatch.streams.BurnwatchService;
import io.burnwatch.streams.config.BurnwatchConfig;
import io.burnwatch.streams.config.BurnwatchSettings;
import io.burnwatch.streams.connect.receiver.ReceiverApp;
import io.burnwatch.streams.connect.receiver.ReceiverSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The Kubernetes manifests in deploy/k8s")
class KubernetesManifestsTest {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\((\\w+)\\)");
    private static final List<JsonNode> DOCUMENTS = documents();
    private static final JsonNode STATEFUL_SET = only("StatefulSet");
    private static final JsonNode POD = STATEFUL_SET.path("spec").path("template");
    private static final JsonNode CONTAINER = POD.path("spec").path("containers").path(0);
    private static final JsonNode RECEIVER = only("Deployment", "burnwatch-receiver");
    private static final JsonNode RECEIVER_POD = RECEIVER.path("spec").path("template");
    private static final JsonNode RECEIVER_CONTAINER = RECEIVER_POD.path("spec").path("containers").path(0);

    @Test
    @DisplayName("are Kubernetes objects with an apiVersion, a kind and a name, all listed in the kustomization")
    void wellFormed() {
        for (JsonNode document : DOCUMENTS) {
            assertThat(document.path("apiVersion").asText()).as(document.toString()).isNotBlank();
            assertThat(document.path("metadata").path("name").asText()).as(document.toString()).isNotBlank();
        }
        assertThat(DOCUMENTS).extracting(document -> document.path("kind").asText())
                .contains("StatefulSet", "Service", "ConfigMap");
        List<String> listed = new ArrayList<>();
        DeployFiles.yaml("k8s/kustomization.yaml").path("resources").forEach(resource -> listed.add(resource.asText()));
        assertThat(listed).containsExactlyInAnyOrderElementsOf(manifests().stream()
                .map(file -> file.getFileName().toString()).toList());
    }

    @Test
    @DisplayName("run the app image as a StatefulSet whose selector matches its pods, with resource requests and limits")
    void statefulSet() {
        assertThat(CONTAINER.path("image").asText()).isEqualTo("burnwatch/streams-app:0.1.0");
        assertThat(matches(STATEFUL_SET.path("spec").path("selector").path("matchLabels"))).isTrue();
        for (String kind : List.of("requests", "limits")) {
            assertThat(CONTAINER.path("resources").path(kind).has("cpu")).as("cpu %s", kind).isTrue();
            assertThat(CONTAINER.path("resources").path(kind).has("memory")).as("memory %s", kind).isTrue();
        }
    }

    @Test
    @DisplayName("give the pod more time to stop than the app takes to close Kafka Streams")
    void gracePeriod() {
        assertThat(POD.path("spec").path("terminationGracePeriodSeconds").asLong())
                .isGreaterThan(BurnwatchService.CLOSE_TIMEOUT.toSeconds());
    }

    @Test
    @DisplayName("configure the app only with environment variables it reads, into settings it accepts")
    void environment() {
        Map<String, String> env = environment(CONTAINER);
        for (String name : env.keySet()) {
            if (name.startsWith("BURNWATCH_")) {
                String setting = "burnwatch." + name.substring("BURNWATCH_".length()).toLowerCase(Locale.ROOT).replace('_', '.');
                assertThat(BurnwatchSettings.DEFINITION.names()).as("the setting %s sets", name).contains(setting);
            } else if (!name.startsWith("KAFKA_")) {
                assertThat(name).as("a variable neither KAFKA_* nor BURNWATCH_*: one the pod's values refer to, or the JVM's")
                        .matches(other -> other.startsWith("JAVA_") || referenced(other));
            }
        }

        BurnwatchConfig config = config();

        assertThat(config.httpHost()).as("the app binds 127.0.0.1 by default: probes come from outside the pod")
                .isEqualTo("0.0.0.0");
        assertThat(config.httpPort()).isEqualTo(port("http"));
        assertThat(config.bootstrapServers()).isNotBlank();
        assertThat(config.schemaRegistryUrl()).isNotBlank();
    }

    @Test
    @DisplayName("start the app next to the variables Kubernetes adds for the namespace's Services")
    void serviceLinks() {
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode service : DOCUMENTS) {
            if (service.path("kind").asText().equals("Service")) {
                env.putAll(serviceLinks(service));
            }
        }
        assertThat(env).containsKey("BURNWATCH_HTTP_SERVICE_HOST");
        // The pod's own variables win over Kubernetes' service links.
        env.putAll(environment(CONTAINER));

        BurnwatchConfig config = BurnwatchConfig.load(null, env, Map.of());

        assertThat(config.httpPort()).isEqualTo(port("http"));
    }

    @Test
    @DisplayName("keep the state directory on the pod's persistent volume")
    void stateOnPersistentVolume() {
        BurnwatchConfig config = config();
        JsonNode claims = STATEFUL_SET.path("spec").path("volumeClaimTemplates");
        assertThat(claims).hasSize(1);
        String claim = claims.path(0).path("metadata").path("name").asText();
        assertThat(claims.path(0).path("spec").path("resources").path("requests").path("storage").asText()).isNotBlank();

        String mountPath = null;
        for (JsonNode mount : CONTAINER.path("volumeMounts")) {
            if (mount.path("name").asText().equals(claim)) {
                mountPath = mount.path("mountPath").asText();
            }
        }

        assertThat(config.stateDir()).isEqualTo(Path.of(mountPath));
    }

    @Test
    @DisplayName("bind beyond loopback with the HTTP tokens from the required Secret burnwatch-http")
    void httpTokensFromSecret() {
        JsonNode tokens = null;
        for (JsonNode source : CONTAINER.path("envFrom")) {
            if ("burnwatch-http".equals(source.path("secretRef").path("name").asText())) {
                tokens = source.path("secretRef");
            }
        }

        assertThat(tokens).as("envFrom the Secret burnwatch-http: the app refuses 0.0.0.0 without a token").isNotNull();
        assertThat(tokens.path("optional").asBoolean(false)).as("the Secret is required").isFalse();
        assertThat(environment(CONTAINER)).as("no token in plain manifests")
                .doesNotContainKeys("BURNWATCH_HTTP_AUTH_TOKENS", "BURNWATCH_HTTP_AUTH_PEER_TOKEN");
    }

    @Test
    @DisplayName("probe liveness on /health/live and readiness on /health/ready, on the app's HTTP port")
    void probes() {
        BurnwatchConfig config = config();
        Map<String, String> paths = Map.of("startupProbe", "/health/live", "livenessProbe", "/health/live",
                "readinessProbe", "/health/ready");
        paths.forEach((probe, path) -> {
            JsonNode get = CONTAINER.path(probe).path("httpGet");
            assertThat(get.path("path").asText()).as(probe).isEqualTo(path);
            assertThat(port(get.path("port"))).as(probe).isEqualTo(config.httpPort());
        });
    }

    @Test
    @DisplayName("give each pod a DNS name on a headless Service, which the app advertises as application.server")
    void applicationServer() {
        BurnwatchConfig config = config();
        String serviceName = STATEFUL_SET.path("spec").path("serviceName").asText();
        JsonNode headless = DOCUMENTS.stream()
                .filter(document -> "Service".equals(document.path("kind").asText()))
                .filter(service -> service.path("metadata").path("name").asText().equals(serviceName))
                .findFirst().orElseGet(() -> fail("no Service named %s", serviceName));
        assertThat(headless.path("spec").path("clusterIP").asText()).isEqualTo("None");
        assertThat(headless.path("spec").path("publishNotReadyAddresses").asBoolean())
                .as("peers reach an instance while it rebalances").isTrue();

        HostInfo server = HostInfo.buildFromEndpoint(
                config.streamsProperties().getProperty(StreamsConfig.APPLICATION_SERVER_CONFIG));

        assertThat(server.host()).isEqualTo(firstPodName() + "." + serviceName);
        assertThat(server.port()).isEqualTo(config.httpPort());
    }

    @Test
    @DisplayName("route every Service and the disruption budget to the app's pods, on its HTTP port")
    void servicesAndBudget() {
        for (JsonNode document : DOCUMENTS) {
            String kind = document.path("kind").asText();
            if (kind.equals("Service") && isReceivers(document)) {
                continue; // checked by receiverService()
            }
            if (kind.equals("Service")) {
                assertThat(matches(document.path("spec").path("selector"))).as(document.toString()).isTrue();
                document.path("spec").path("ports").forEach(port ->
                        assertThat(port(port.path("targetPort"))).as(document.toString()).isEqualTo(port("http")));
            } else if (kind.equals("PodDisruptionBudget")) {
                assertThat(matches(document.path("spec").path("selector").path("matchLabels"))).isTrue();
            }
        }
    }

    @Test
    @DisplayName("ask Prometheus to scrape /metrics on the app's HTTP port")
    void scrapeAnnotations() {
        JsonNode annotations = POD.path("metadata").path("annotations");

        assertThat(annotations.path("prometheus.io/scrape").asText()).isEqualTo("true");
        assertThat(annotations.path("prometheus.io/path").asText()).isEqualTo("/metrics");
        assertThat(annotations.path("prometheus.io/port").asInt()).isEqualTo(port("http"));
    }

    @Test
    @DisplayName("run the receiver from the app's image, with its main class, as a Deployment whose selector matches its pods")
    void receiverDeployment() {
        assertThat(RECEIVER_CONTAINER.path("image").asText()).isEqualTo(CONTAINER.path("image").asText());
        List<String> command = new ArrayList<>();
        RECEIVER_CONTAINER.path("command").forEach(part -> command.add(part.asText()));
        assertThat(command).containsExactly("java", ReceiverApp.class.getName());
        assertThat(selects(RECEIVER.path("spec").path("selector").path("matchLabels"), RECEIVER_POD)).isTrue();
        assertThat(selects(STATEFUL_SET.path("spec").path("selector").path("matchLabels"), RECEIVER_POD))
                .as("the app's Services and disruption budget must not take the receiver's pods").isFalse();
        assertThat(selects(RECEIVER.path("spec").path("selector").path("matchLabels"), POD)).isFalse();
        for (String kind : List.of("requests", "limits")) {
            assertThat(RECEIVER_CONTAINER.path("resources").path(kind).has("cpu")).as("cpu %s", kind).isTrue();
            assertThat(RECEIVER_CONTAINER.path("resources").path(kind).has("memory")).as("memory %s", kind).isTrue();
        }
    }

    @Test
    @DisplayName("configure the receiver with settings it accepts: 0.0.0.0 on its container port, credentials from the required Secret burnwatch-receiver")
    void receiverEnvironment() {
        Map<String, String> env = environment(RECEIVER_CONTAINER);
        for (String name : env.keySet()) {
            if (name.startsWith("BURNWATCH_")) {
                String setting = "burnwatch." + name.substring("BURNWATCH_".length()).toLowerCase(Locale.ROOT).replace('_', '.');
                assertThat(BurnwatchSettings.DEFINITION.names()).as("the setting %s sets", name).contains(setting);
            }
        }
        JsonNode credentials = null;
        for (JsonNode source : RECEIVER_CONTAINER.path("envFrom")) {
            if ("burnwatch-receiver".equals(source.path("secretRef").path("name").asText())) {
                credentials = source.path("secretRef");
            }
        }
        assertThat(credentials).as("envFrom the Secret burnwatch-receiver").isNotNull();
        assertThat(credentials.path("optional").asBoolean(false)).as("the Secret is required").isFalse();
        assertThat(env).as("no credential in plain manifests").doesNotContainKeys("BURNWATCH_RECEIVER_OTLP_TOKENS",
                "BURNWATCH_RECEIVER_GITHUB_SECRET", "BURNWATCH_RECEIVER_GITLAB_TOKEN");

        // As the pod sees it: the Secret's variables, and those Kubernetes adds for the namespace's Services.
        Map<String, String> pod = new LinkedHashMap<>();
        DOCUMENTS.stream().filter(document -> document.path("kind").asText().equals("Service"))
                .forEach(service -> pod.putAll(serviceLinks(service)));
        pod.putAll(env);
        pod.put("BURNWATCH_RECEIVER_OTLP_TOKENS", "0123456789abcdef0123456789abcdef");
        ReceiverSettings settings = ReceiverSettings.of(BurnwatchConfig.load(null, pod, Map.of()));

        assertThat(settings.host()).isEqualTo("0.0.0.0");
        assertThat(settings.port()).isEqualTo(port(RECEIVER_CONTAINER, "http"));
        settings.requireCredentialBeyondLoopback();
    }

    @Test
    @DisplayName("probe the receiver on /health at its port, and route its Service there")
    void receiverProbesAndService() {
        int http = port(RECEIVER_CONTAINER, "http");
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            JsonNode get = RECEIVER_CONTAINER.path(probe).path("httpGet");
            assertThat(get.path("path").asText()).as(probe).isEqualTo("/health");
            JsonNode port = get.path("port");
            assertThat(port.isInt() ? port.asInt() : port(RECEIVER_CONTAINER, port.asText())).as(probe).isEqualTo(http);
        }
        JsonNode service = only("Service", "burnwatch-receiver");
        assertThat(isReceivers(service)).isTrue();
        service.path("spec").path("ports").forEach(port -> {
            JsonNode target = port.path("targetPort");
            assertThat(target.isInt() ? target.asInt() : port(RECEIVER_CONTAINER, target.asText())).isEqualTo(http);
        });
    }

    /** Whether {@code service} selects the receiver's pods. */
    private static boolean isReceivers(JsonNode service) {
        return selects(service.path("spec").path("selector"), RECEIVER_POD);
    }

    /** Whether {@code selector}, a map of labels, selects the pods of {@code template}. */
    private static boolean selects(JsonNode selector, JsonNode template) {
        JsonNode labels = template.path("metadata").path("labels");
        if (selector.size() == 0) {
            return false;
        }
        boolean all = true;
        for (java.util.Iterator<Map.Entry<String, JsonNode>> label = selector.fields(); label.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = label.next();
            all &= entry.getValue().asText().equals(labels.path(entry.getKey()).asText());
        }
        return all;
    }

    private static int port(JsonNode container, String name) {
        for (JsonNode port : container.path("ports")) {
            if (port.path("name").asText().equals(name)) {
                return port.path("containerPort").asInt();
            }
        }
        return fail("the container has no port named %s", name);
    }

    /** The app's settings from the container's environment, as {@code BurnwatchApp} loads them. */
    private static BurnwatchConfig config() {
        return BurnwatchConfig.load(null, environment(CONTAINER), Map.of());
    }

    /** The container's environment as the pod would see it: ConfigMaps it imports, then its own variables. */
    private static Map<String, String> environment(JsonNode container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode source : container.path("envFrom")) {
            if (source.has("configMapRef")) {
                only("ConfigMap", source.path("configMapRef").path("name").asText()).path("data").fields()
                        .forEachRemaining(entry -> env.put(entry.getKey(), entry.getValue().asText()));
            }
        }
        for (JsonNode variable : container.path("env")) {
            String name = variable.path("name").asText();
            if (variable.has("value")) {
                env.put(name, expand(variable.path("value").asText(), env));
            } else if ("metadata.name".equals(variable.path("valueFrom").path("fieldRef").path("fieldPath").asText())) {
                env.put(name, firstPodName());
            } else {
                fail("%s: an environment variable from a source this test does not know", variable);
            }
        }
        return env;
    }

    /** The variables Kubernetes gives every pod of the namespace for {@code service}, as if it had a cluster IP. */
    private static Map<String, String> serviceLinks(JsonNode service) {
        String prefix = service.path("metadata").path("name").asText().toUpperCase(Locale.ROOT).replace('-', '_');
        String ip = "10.0.0.11";
        Map<String, String> env = new LinkedHashMap<>();
        env.put(prefix + "_SERVICE_HOST", ip);
        for (JsonNode port : service.path("spec").path("ports")) {
            String number = port.path("port").asText();
            String protocol = port.path("protocol").asText("TCP");
            String tcp = prefix + "_PORT_" + number + "_" + protocol;
            env.putIfAbsent(prefix + "_SERVICE_PORT", number);
            env.putIfAbsent(prefix + "_PORT", protocol.toLowerCase(Locale.ROOT) + "://" + ip + ":" + number);
            if (port.has("name")) {
                env.put(prefix + "_SERVICE_PORT_" + port.path("name").asText().toUpperCase(Locale.ROOT).replace('-', '_'), number);
            }
            env.put(tcp, protocol.toLowerCase(Locale.ROOT) + "://" + ip + ":" + number);
            env.put(tcp + "_PROTO", protocol.toLowerCase(Locale.ROOT));
            env.put(tcp + "_PORT", number);
            env.put(tcp + "_ADDR", ip);
        }
        return env;
    }

    /** Kubernetes' $(NAME) expansion, from the variables defined before. */
    private static String expand(String value, Map<String, String> env) {
        Matcher reference = REFERENCE.matcher(value);
        StringBuilder expanded = new StringBuilder();
        while (reference.find()) {
            assertThat(env).as("variables defined before %s", value).containsKey(reference.group(1));
            reference.appendReplacement(expanded, Matcher.quoteReplacement(env.get(reference.group(1))));
        }
        return reference.appendTail(expanded).toString();
    }

    private static boolean referenced(String name) {
        for (JsonNode variable : CONTAINER.path("env")) {
            if (variable.path("value").asText().contains("$(" + name + ")")) {
                return true;
            }
        }
        return false;
    }

    private static String firstPodName() {
        return STATEFUL_SET.path("metadata").path("name").asText() + "-0";
    }

    /** A port given by number or by the name of one of the container's ports. */
    private static int port(JsonNode port) {
        return port.isInt() ? port.asInt() : port(port.asText());
    }

    private static int port(String name) {
        for (JsonNode port : CONTAINER.path("ports")) {
            if (port.path("name").asText().equals(name)) {
                return port.path("containerPort").asInt();
            }
        }
        return fail("the container has no port named %s", name);
    }

    /** Whether {@code selector}, a map of labels, selects the StatefulSet's pods. */
    private static boolean matches(JsonNode selector) {
        JsonNode labels = POD.path("metadata").path("labels");
        assertThat(selector.size()).as("labels of selector %s", selector).isPositive();
        List<String> mismatched = new ArrayList<>();
        selector.fields().forEachRemaining(label -> {
            if (!label.getValue().asText().equals(labels.path(label.getKey()).asText())) {
                mismatched.add(label.getKey());
            }
        });
        return mismatched.isEmpty();
    }

    private static List<Path> manifests() {
        return DeployFiles.list("k8s", ".yaml").stream()
                .filter(file -> !file.getFileName().toString().equals("kustomization.yaml")).toList();
    }

    private static List<JsonNode> documents() {
        List<JsonNode> documents = new ArrayList<>();
        manifests().forEach(file -> documents.addAll(DeployFiles.yamlDocuments(file)));
        return documents;
    }

    private static JsonNode only(String kind) {
        List<JsonNode> found = DOCUMENTS.stream().filter(document -> kind.equals(document.path("kind").asText())).toList();
        assertThat(found).as("%s objects", kind).hasSize(1);
        return found.get(0);
    }

    private static JsonNode only(String kind, String name) {
        return DOCUMENTS.stream()
                .filter(document -> kind.equals(document.path("kind").asText()))
                .filter(document -> name.equals(document.path("metadata").path("name").asText()))
                .findFirst().orElseGet(() -> fail("no %s named %s", kind, name));
    }
}
