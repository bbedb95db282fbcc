package io.burnwatch.streams.connect.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The identity command refuses bad input with one line naming it and the fix, before it talks to Kafka. */
@DisplayName("Identity command line")
class IdentityCliTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @ParameterizedTest(name = "[{0}] {1}")
    @CsvSource(delimiter = '|', value = {
            "set octocat alice|IDENTITY 'octocat' is not an identity: pass <kind>:<identity>, kind one of email, github, gitlab, account, e.g. github:octocat",
            "set bitbucket:octocat alice|IDENTITY 'bitbucket:octocat' is not an identity: pass <kind>:<identity>",
            "set github: alice|IDENTITY 'github:' is not an identity: pass <kind>:<identity>",
            "set github:%20 alice|IDENTITY 'github: ' names no one: pass <kind>:<identity>",
            "set email:alice alice|IDENTITY 'email:alice' is not an email address: pass e.g. email:alice@example.com",
            "set github:octocat|Missing required parameter: 'USER_ID' (see --help)",
            "delete octocat|IDENTITY 'octocat' is not an identity: pass <kind>:<identity>",
            "-D burnwatch.topic.identity=x set github:octocat alice|Unknown setting burnwatch.topic.identity on the command line: check the spelling;",
            "''|Name a command: set, delete or list (see --help)"})
    @DisplayName("a bad argument stops it with exit code 2 and one line")
    void badInput(String args, String message) {
        String[] argv = args.isEmpty() ? new String[0] : args.replace("%20", " ").split(" (?=\\S)");
        int exit = IdentityCli.run(argv, Map.of(), new PrintWriter(out, true), new PrintWriter(err, true));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).startsWith(message).doesNotContain("\tat ").hasLineCount(1);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    @DisplayName("a blank user_id is refused")
    void blankUser() {
        int exit = IdentityCli.run(new String[] {"set", "github:octocat", " "}, Map.of(), new PrintWriter(out, true),
                new PrintWriter(err, true));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).startsWith("USER_ID is empty: pass the user_id burnwatch counts the identity as, e.g. alice")
                .hasLineCount(1);
    }

    @Test
    @DisplayName("--help lists the commands")
    void help() {
        int exit = IdentityCli.run(new String[] {"--help"}, Map.of(), new PrintWriter(out, true), new PrintWriter(err, true));

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("set", "delete", "list", "--bootstrap-servers");
    }

    @Test
    @DisplayName("list reads the topic as the app does: keys normalised, a tombstone or blank value removes")
    void readsAsTheApp() {
        Map<String, String> map = new TreeMap<>();
        IdentityTopic.apply(map, "EMAIL:Alice@Acme.example", "alice");
        IdentityTopic.apply(map, "github:octocat", " octo ");
        IdentityTopic.apply(map, "nonsense", "x");
        IdentityTopic.apply(map, "github:gone", "someone");
        IdentityTopic.apply(map, "github:gone", null);

        assertThat(map).containsExactly(Map.entry("email:alice@acme.example", "alice"), Map.entry("github:octocat", "octo"));
    }
}
