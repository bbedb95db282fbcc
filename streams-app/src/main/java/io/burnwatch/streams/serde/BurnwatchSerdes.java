package io.burnwatch.streams.serde;

import io.burnwatch.schema.Alert;
import io.burnwatch.schema.Budget;
import io.burnwatch.schema.ModelPrices;
import io.burnwatch.schema.OutcomeEvent;
import io.burnwatch.schema.RollupKey;
import io.burnwatch.schema.UsageEvent;
import io.burnwatch.schema.UsageRollup;
import io.burnwatch.serde.AvroSerdeConfig;
import io.burnwatch.serde.SpecificAvroSerde;
import io.burnwatch.serde.SubjectNameStrategy;
import io.burnwatch.streams.config.BurnwatchConfig;
import io.burnwatch.streams.state.BudgetState;
import io.burnwatch.streams.state.LedgerEntry;
import io.burnwatch.streams.state.RecentSpend;
import io.burnwatch.streams.state.SpikeHour;
import io.burnwatch.streams.state.SpikeState;
import io.burnwatch.streams.state.UsageTotals;
import io.burnwatch.streams.state.SessionBurn;
import io.burnwatch.streams.state.UserOutcomes;
import io.burnwatch.streams.state.UserTeam;
import io.burnwatch.streams.state.WindowTally;
import io.burnwatch.streams.state.OpenWindows;
import io.burnwatch.streams.state.SessionMarks;
import io.burnwatch.streams.state.LedgerPartial;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** Every serde the topology uses, configured against the schema registry in one place. */
public final class BurnwatchSerdes {

    private final Serde<String> userId = Serdes.String();
    private final Serde<UsageEvent> usage;
    private final Serde<OutcomeEvent> outcome;
    private final Serde<Alert> alert;
    private final Serde<RollupKey> rollupKey;
    private final Serde<UsageRollup> rollup;
    private final Serde<UsageTotals> totals;
    private final Serde<ModelPrices> prices;
    private final Serde<LedgerEntry> ledgerEntry;
    private final Serde<WindowTally> windowTally;
    private final Serde<UserTeam> userTeam;
    private final Serde<UsageEvent> lateUsage;
    private final Serde<OutcomeEvent> lateOutcome;
    private final Serde<UsageRollup> lateRollup;
    private final Serde<OpenWindows> openWindows;
    private final Serde<SessionMarks> sessionMarks;
    private final Serde<LedgerPartial> ledgerPartial;
    private final Serde<SessionBurn> sessionBurn;
    private final Serde<UserOutcomes> userOutcomes;
    private final Serde<Budget> budget;
    private final Serde<BudgetState> budgetState;
    private final Serde<SpikeState> spikeState;
    private final Serde<SpikeHour> spikeHour;
    private final Serde<RecentSpend> recentSpend;

    private BurnwatchSerdes(Map<String, Object> serdeConfig) {
        this.usage = value(UsageEvent.class, serdeConfig);
        this.outcome = value(OutcomeEvent.class, serdeConfig);
        this.alert = value(Alert.class, serdeConfig);
        this.rollupKey = key(RollupKey.class, serdeConfig);
        this.rollup = value(UsageRollup.class, serdeConfig);
        this.totals = value(UsageTotals.class, serdeConfig);
        this.prices = value(ModelPrices.class, serdeConfig);
        this.ledgerEntry = value(LedgerEntry.class, serdeConfig);
        this.windowTally = value(WindowTally.class, serdeConfig);
        this.openWindows = value(OpenWindows.class, serdeConfig);
        this.sessionMarks = value(SessionMarks.class, serdeConfig);
        this.ledgerPartial = value(LedgerPartial.class, serdeConfig);
        this.userTeam = value(UserTeam.class, serdeConfig);
        this.sessionBurn = value(SessionBurn.class, serdeConfig);
        this.userOutcomes = value(UserOutcomes.class, serdeConfig);
        this.budget = value(Budget.class, serdeConfig);
        this.budgetState = value(BudgetState.class, serdeConfig);
        this.spikeState = value(SpikeState.class, serdeConfig);
        this.spikeHour = value(SpikeHour.class, serdeConfig);
        this.recentSpend = value(RecentSpend.class, serdeConfig);
        // The late topic carries usage and outcome events, so each record type gets a subject of its own.
        Map<String, Object> mixedTopic = new HashMap<>(serdeConfig);
        mixedTopic.put(AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY, SubjectNameStrategy.TOPIC_RECORD_NAME.name());
        this.lateUsage = value(UsageEvent.class, mixedTopic);
        this.lateOutcome = value(OutcomeEvent.class, mixedTopic);
        this.lateRollup = value(UsageRollup.class, mixedTopic);
    }

    public static BurnwatchSerdes from(BurnwatchConfig config) {
        return new BurnwatchSerdes(config.serdeConfig());
    }

    /** Plain UTF-8 strings: user ids on the input topics, alert ids on the alerts topic, model ids on the prices topic, store keys. */
    public Serde<String> string() {
        return userId;
    }

    public Serde<UsageEvent> usage() {
        return usage;
    }

    public Serde<OutcomeEvent> outcome() {
        return outcome;
    }

    public Serde<Alert> alert() {
        return alert;
    }

    public Serde<RollupKey> rollupKey() {
        return rollupKey;
    }

    public Serde<UsageRollup> rollup() {
        return rollup;
    }

    public Serde<UsageTotals> totals() {
        return totals;
    }

    public Serde<ModelPrices> prices() {
        return prices;
    }

    public Serde<LedgerEntry> ledgerEntry() {
        return ledgerEntry;
    }

    public Serde<WindowTally> windowTally() {
        return windowTally;
    }

    public Serde<OpenWindows> openWindows() {
        return openWindows;
    }

    public Serde<SessionMarks> sessionMarks() {
        return sessionMarks;
    }

    public Serde<LedgerPartial> ledgerPartial() {
        return ledgerPartial;
    }

    public Serde<SessionBurn> sessionBurn() {
        return sessionBurn;
    }

    public Serde<UserOutcomes> userOutcomes() {
        return userOutcomes;
    }

    public Serde<UserTeam> userTeam() {
        return userTeam;
    }

    /** Usage events on the late topic: subject {@code <topic>-io.burnwatch.schema.UsageEvent}. */
    public Serde<UsageEvent> lateUsage() {
        return lateUsage;
    }

    /** Outcome events on the late topic: subject {@code <topic>-io.burnwatch.schema.OutcomeEvent}. */
    public Serde<OutcomeEvent> lateOutcome() {
        return lateOutcome;
    }

    /**
     * What a user window added to a TEAM or MODEL window that had closed when it came, on the late topic: subject
     * {@code <topic>-io.burnwatch.schema.UsageRollup}.
     */
    public Serde<UsageRollup> lateRollup() {
        return lateRollup;
    }

    public Serde<Budget> budget() {
        return budget;
    }

    public Serde<BudgetState> budgetState() {
        return budgetState;
    }

    public Serde<SpikeState> spikeState() {
        return spikeState;
    }

    public Serde<SpikeHour> spikeHour() {
        return spikeHour;
    }

    public Serde<RecentSpend> recentSpend() {
        return recentSpend;
    }

    private static <T extends SpecificRecord> Serde<T> key(Class<T> type, Map<String, Object> config) {
        return configured(type, config, true);
    }

    private static <T extends SpecificRecord> Serde<T> value(Class<T> type, Map<String, Object> config) {
        return configured(type, config, false);
    }

    private static <T extends SpecificRecord> Serde<T> configured(Class<T> type, Map<String, Object> config, boolean isKey) {
        SpecificAvroSerde<T> serde = new SpecificAvroSerde<>(type);
        serde.configure(config, isKey);
        return serde;
    }
}
