package io.burnwatch.streams.guard.budget;

import io.burnwatch.schema.Budget;
import io.burnwatch.schema.BudgetPeriod;
import io.burnwatch.streams.config.BurnwatchConfig;
import io.burnwatch.streams.config.BurnwatchSettings;
import io.burnwatch.streams.config.SettingsOptions;
import io.burnwatch.streams.guard.GuardText;
import io.burnwatch.streams.guard.Scope;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * Sets, removes and lists budgets on the budgets topic. The app picks a change up from the scope's next call; no
 * restart. Cluster settings come from the same sources as the app's: defaults < {@code --config FILE} <
 * {@code KAFKA_*}/{@code BURNWATCH_*} environment variables < flags.
 */
@Command(name = "burnwatch-budget", sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
        description = "Sets, removes and lists the budgets of teams and users on the budgets topic.",
        subcommands = {BudgetCli.Set.class, BudgetCli.Delete.class, BudgetCli.ListBudgets.class})
public final class BudgetCli implements Callable<Integer> {

    static final int USAGE_ERROR = SettingsOptions.USAGE_ERROR;
    static final int FAILURE = SettingsOptions.FAILURE;
    /** {@code delete} of a scope that has no budget. */
    static final int NO_SUCH_BUDGET = 3;

    @Mixin
    private SettingsOptions sources = new SettingsOptions();

    private final Map<String, String> env;
    private final Clock clock;
    private PrintWriter out;
    private PrintWriter err;

    BudgetCli(Map<String, String> env, Clock clock) {
        this.env = env;
        this.clock = clock;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), Clock.systemUTC(), new PrintWriter(System.out, true),
                new PrintWriter(System.err, true)));
    }

    static int run(String[] args, Map<String, String> env, Clock clock, PrintWriter out, PrintWriter err) {
        BudgetCli cli = new BudgetCli(env, clock);
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

    @Command(name = "set", sortOptions = false, mixinStandardHelpOptions = true,
            description = "Sets (or changes) the budget of a scope, e.g. set team:payments --usd 5000 --period month.")
    static final class Set implements Callable<Integer> {

        @ParentCommand
        private BudgetCli cli;

        @Parameters(paramLabel = "SCOPE", description = "team:<team_id> or user:<user_id>.")
        private String scope;

        @Option(names = "--usd", required = true, paramLabel = "AMOUNT",
                description = "USD the scope may spend per period, from $0.01 to $1,000,000,000.")
        private String usd;

        @Option(names = "--period", required = true, paramLabel = "day|week|month", converter = PeriodConverter.class,
                description = "UTC day, ISO week from Monday, or calendar month.")
        private BudgetPeriod period;

        @Option(names = "--thresholds", paramLabel = "P,P,...", description = "Percentages at which to alert"
                + " (default: burnwatch.budget.default.thresholds, 50,80,100).")
        private String thresholds;

        @Option(names = "--no-early-warning", description = "Do not warn when the forecast runs out before the period ends.")
        private boolean noEarlyWarning;

        @Override
        public Integer call() {
            requireScope(scope);
            double amount = amount(usd);
            BurnwatchConfig config = cli.config();
            List<Integer> percents;
            try {
                percents = thresholds == null ? config.budgetDefaultThresholds() : BurnwatchSettings.percents(thresholds);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--thresholds " + thresholds
                        + " is not a list of percentages from 1 to 1000: pass e.g. --thresholds 50,80,100");
            }
            Budget budget = Budget.newBuilder()
                    .setScope(scope)
                    .setAmountUsd(amount)
                    .setPeriod(period)
                    .setThresholdsPercent(percents)
                    .setEarlyWarning(!noEarlyWarning)
                    .setUpdatedAt(cli.clock.instant())
                    .build();
            Budgets.problem(scope, budget).ifPresent(problem -> {
                throw new IllegalStateException("Refusing to write a budget the app would skip: " + problem);
            });
            try (BudgetTopic topic = BudgetTopic.of(config)) {
                topic.write(scope, budget);
            }
            cli.out.println("Set " + describe(budget));
            return 0;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Removes the budget of a scope.",
            exitCodeListHeading = "Exit codes:%n", exitCodeList = {
                    "0:removed", "1:Kafka failed", "2:bad input", "3:the scope has no budget: nothing was written"})
    static final class Delete implements Callable<Integer> {

        @ParentCommand
        private BudgetCli cli;

        @Parameters(paramLabel = "SCOPE", description = "team:<team_id> or user:<user_id>.")
        private String scope;

        @Override
        public Integer call() {
            requireScope(scope);
            try (BudgetTopic topic = BudgetTopic.of(cli.config())) {
                if (!topic.readAll().containsKey(scope)) {
                    cli.err.println("No budget of " + scope + " to remove: nothing written (list shows the budgets in force)");
                    return NO_SUCH_BUDGET;
                }
                topic.write(scope, null);
            }
            cli.out.println("Removed the budget of " + scope);
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the budgets in force, by scope.")
    static final class ListBudgets implements Callable<Integer> {

        @ParentCommand
        private BudgetCli cli;

        @Override
        public Integer call() {
            Map<String, Budget> budgets;
            try (BudgetTopic topic = BudgetTopic.of(cli.config())) {
                budgets = topic.readAll();
            }
            if (budgets.isEmpty()) {
                cli.out.println("No budgets");
            }
            budgets.values().forEach(budget -> cli.out.println(describe(budget)));
            return 0;
        }
    }

    /** The amount {@code --usd} gives, or an error naming the bounds. */
    private static double amount(String usd) {
        double amount;
        try {
            amount = Double.parseDouble(usd.trim());
        } catch (NumberFormatException e) {
            amount = Double.NaN;
        }
        if (!Budgets.isAmount(amount)) {
            throw new IllegalArgumentException("--usd " + usd + " is not an amount " + Budgets.AMOUNT_RANGE
                    + ": pass e.g. --usd 5000");
        }
        return amount;
    }

    private static void requireScope(String scope) {
        if (Scope.parse(scope).isEmpty()) {
            throw new IllegalArgumentException("SCOPE '" + scope + "' is not a scope: pass " + Scope.FORMAT);
        }
    }

    /** "team:payments: $5,000.00 a month, alerts at 50, 80, 100%, early warning". */
    static String describe(Budget budget) {
        String thresholds = budget.getThresholdsPercent().isEmpty() ? "the default thresholds"
                : budget.getThresholdsPercent().stream().map(String::valueOf).collect(Collectors.joining(", ")) + "%";
        return budget.getScope() + ": " + GuardText.usd(budget.getAmountUsd()) + " a " + Periods.noun(budget.getPeriod())
                + ", alerts at " + thresholds + (budget.getEarlyWarning() ? ", early warning" : ", no early warning");
    }

    static final class PeriodConverter implements CommandLine.ITypeConverter<BudgetPeriod> {
        @Override
        public BudgetPeriod convert(String value) {
            try {
                return BudgetPeriod.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a period: pass day, week or month");
            }
        }
    }
}
