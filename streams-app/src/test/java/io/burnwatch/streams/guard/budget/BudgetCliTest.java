package io.burnwatch.streams.guard.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The budget command refuses bad input with one line naming it and the fix, before it talks to Kafka. */
@DisplayName("Budget command line")
class BudgetCliTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @ParameterizedTest(name = "[{0}] {1}")
    @CsvSource(delimiter = '|', value = {
            "set payments --usd 5000 --period month|SCOPE 'payments' is not a scope: pass team:<team_id> or user:<user_id>, e.g. team:payments",
            "set team:payments --usd -5 --period month|--usd -5 is not an amount from $0.01 to $1,000,000,000: pass e.g. --usd 5000",
            "set team:payments --usd 0 --period month|--usd 0 is not an amount from $0.01 to $1,000,000,000: pass e.g. --usd 5000",
            "set team:payments --usd 1e-300 --period month|--usd 1e-300 is not an amount from $0.01 to $1,000,000,000: pass e.g. --usd 5000",
            "set team:payments --usd 0.009 --period month|--usd 0.009 is not an amount from $0.01 to $1,000,000,000: pass e.g. --usd 5000",
            "set team:payments --usd 1e10 --period month|--usd 1e10 is not an amount from $0.01 to $1,000,000,000: pass e.g. --usd 5000",
            "set team:payments --usd Infinity --period month|--usd Infinity is not an amount from $0.01 to $1,000,000,000: pass e.g. --usd 5000",
            "set team:payments --usd NaN --period month|--usd NaN is not an amount from $0.01 to $1,000,000,000: pass e.g. --usd 5000",
            "set team:payments --usd lots --period month|--usd lots is not an amount from $0.01 to $1,000,000,000: pass e.g. --usd 5000",
            "set team:payments --usd 5000 --period year|Invalid value for option '--period': 'year' is not a period: pass day, week or month (see --help)",
            "set team:payments --usd 5000 --period week --thresholds 50,lots|--thresholds 50,lots is not a list of percentages from 1 to 1000: pass e.g. --thresholds 50,80,100",
            "set team:payments --usd 5000 --period week --thresholds 0,50|--thresholds 0,50 is not a list of percentages from 1 to 1000: pass e.g. --thresholds 50,80,100",
            "set team:payments --period month|Missing required option: '--usd=AMOUNT' (see --help)",
            "-D burnwatch.topic.budget=x set team:payments --usd 1 --period day|Unknown setting burnwatch.topic.budget on the command line: check the spelling;",
            "delete alice|SCOPE 'alice' is not a scope: pass team:<team_id> or user:<user_id>, e.g. team:payments",
            "''|Name a command: set, delete or list (see --help)"})
    @DisplayName("a bad flag or scope stops it with exit code 2 and one line")
    void badInput(String args, String message) {
        int exit = BudgetCli.run(args.isEmpty() ? new String[0] : args.split(" "), Map.of(), Clock.systemUTC(),
                new PrintWriter(out, true), new PrintWriter(err, true));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).startsWith(message).doesNotContain("\tat ").hasLineCount(1);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    @DisplayName("--help lists the commands")
    void help() {
        int exit = BudgetCli.run(new String[] {"--help"}, Map.of(), Clock.systemUTC(), new PrintWriter(out, true),
                new PrintWriter(err, true));

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("set", "delete", "list", "--bootstrap-servers");
    }
}
