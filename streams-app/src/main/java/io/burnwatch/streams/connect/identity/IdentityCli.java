package io.burnwatch.streams.connect.identity;

import io.burnwatch.streams.config.BurnwatchConfig;
import io.burnwatch.streams.config.SettingsOptions;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * Sets, removes and lists entries of the identity map: which {@code user_id} a commit author's email, GitHub login,
 * GitLab username or agent account counts as. The app applies a change from the next event; no restart. Cluster
 * settings come from the same sources as the app's: defaults < {@code --config FILE} < {@code KAFKA_*}/
 * {@code BURNWATCH_*} environment variables < flags.
 */
@Command(name = "burnwatch-identity", sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
        description = "Sets, removes and lists the identity map: <kind>:<identity> to the user_id burnwatch counts it as.",
        subcommands = {IdentityCli.Set.class, IdentityCli.Delete.class, IdentityCli.ListIdentities.class})
public final class IdentityCli implements Callable<Integer> {

    static final int USAGE_ERROR = SettingsOptions.USAGE_ERROR;
    static final int FAILURE = SettingsOptions.FAILURE;
    /** {@code delete} of an identity that is not mapped. */
    static final int NO_SUCH_IDENTITY = 3;
    static final String FORMAT = "<kind>:<identity>, kind one of email, github, gitlab, account, e.g. github:octocat";
    /** Longest user id: as an outcome's user_id it must pass burnwatch.validation.max.field.bytes' default. */
    static final int MAX_USER_ID_BYTES = 256;

    @Mixin
    private SettingsOptions sources = new SettingsOptions();

    private final Map<String, String> env;
    private PrintWriter out;
    private PrintWriter err;

    IdentityCli(Map<String, String> env) {
        this.env = env;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    static int run(String[] args, Map<String, String> env, PrintWriter out, PrintWriter err) {
        IdentityCli cli = new IdentityCli(env);
        cli.out = out;
        cli.err = err;
        return SettingsOptions.execute(cli, args, out, err);
    }

    @Override
    public Integer call() {
        err.println("Name a command: set, delete or list (see --help)");
        return USAGE_ERROR;
    }

    private BurnwatchConfig config() {
        return sources.load(env, Map.of());
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Maps an identity to a user_id, e.g. set github:octocat alice (or changes its mapping).")
    static final class Set implements Callable<Integer> {

        @ParentCommand
        private IdentityCli cli;

        @Parameters(index = "0", paramLabel = "IDENTITY", description = FORMAT + ".")
        private String identity;

        @Parameters(index = "1", paramLabel = "USER_ID", description = "The user_id burnwatch counts it as.")
        private String userId;

        @Override
        public Integer call() {
            Identity parsed = identity(identity);
            String user = userId(userId);
            IdentityTopic.of(cli.config()).write(parsed, user);
            cli.out.println("Set " + parsed.key() + " -> " + user);
            return 0;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Removes an identity's mapping.",
            exitCodeListHeading = "Exit codes:%n", exitCodeList = {
                    "0:removed", "1:Kafka failed", "2:bad input", "3:the identity is not mapped: nothing was written"})
    static final class Delete implements Callable<Integer> {

        @ParentCommand
        private IdentityCli cli;

        @Parameters(paramLabel = "IDENTITY", description = FORMAT + ".")
        private String identity;

        @Override
        public Integer call() {
            Identity parsed = identity(identity);
            IdentityTopic topic = IdentityTopic.of(cli.config());
            if (!topic.readAll().containsKey(parsed.key())) {
                cli.err.println("No mapping of " + parsed.key() + " to remove: nothing written (list shows the map)");
                return NO_SUCH_IDENTITY;
            }
            topic.write(parsed, null);
            cli.out.println("Removed the mapping of " + parsed.key());
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the identity map, by identity.")
    static final class ListIdentities implements Callable<Integer> {

        @ParentCommand
        private IdentityCli cli;

        @Override
        public Integer call() {
            Map<String, String> map = IdentityTopic.of(cli.config()).readAll();
            if (map.isEmpty()) {
                cli.out.println("No identities mapped");
            }
            map.forEach((key, user) -> cli.out.println(key + " -> " + user));
            return 0;
        }
    }

    /** The identity an argument names, or an error naming the argument and the form. */
    static Identity identity(String argument) {
        Identity parsed;
        try {
            parsed = Identity.parse(argument);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("IDENTITY '" + argument + "' is not an identity: pass " + FORMAT);
        }
        if (parsed.value().isEmpty()) {
            throw new IllegalArgumentException("IDENTITY '" + argument + "' names no one: pass " + FORMAT);
        }
        if (parsed.kind() == Identity.Kind.EMAIL && !parsed.value().contains("@")) {
            throw new IllegalArgumentException("IDENTITY '" + argument + "' is not an email address: pass e.g."
                    + " email:alice@example.com");
        }
        return parsed;
    }

    private static String userId(String argument) {
        String user = argument.trim();
        if (user.isEmpty()) {
            throw new IllegalArgumentException("USER_ID is empty: pass the user_id burnwatch counts the identity as,"
                    + " e.g. alice");
        }
        if (user.getBytes(StandardCharsets.UTF_8).length > MAX_USER_ID_BYTES) {
            throw new IllegalArgumentException("USER_ID is longer than " + MAX_USER_ID_BYTES
                    + " bytes: pass the user_id burnwatch counts the identity as, e.g. alice");
        }
        return user;
    }
}
