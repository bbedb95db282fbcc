package io.burnwatch.streams.connect.otlp;

import io.burnwatch.streams.connect.identity.Identity;
import io.burnwatch.streams.connect.identity.IdentityStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Who an agent's event belongs to. The identity map ({@link IdentityStore}) is asked for the event's
 * {@code user.email}, then for its account id ({@code user.account_uuid} of Claude Code, {@code user.account_id} of
 * Codex). When the map knows neither, the user is the email, else the account id, else a plain {@code user.id} or
 * {@code enduser.id}: an event is never dropped for an unmapped person, and each such event is counted by the kind
 * of name it fell back to.
 */
final class OtlpPeople {

    static final String EMAIL = "user.email";
    static final String[] ACCOUNT = {"user.account_uuid", "user.account_id"};
    static final String[] PLAIN = {"enduser.id", "user.id"};

    private final ReadOnlyKeyValueStore<String, String> map;
    private final OtlpMetrics metrics;

    OtlpPeople(ReadOnlyKeyValueStore<String, String> map, OtlpMetrics metrics) {
        this.map = map;
        this.metrics = metrics;
    }

    /** The user_id of the event's person; empty when the event names none. */
    Optional<String> userOf(OtlpLogRecord log) {
        Optional<String> email = log.text(EMAIL);
        Optional<String> account = log.text(ACCOUNT);
        List<Identity> candidates = new ArrayList<>();
        email.map(Identity::email).ifPresent(candidates::add);
        account.map(Identity::account).ifPresent(candidates::add);
        Optional<String> mapped = map == null || candidates.isEmpty() ? Optional.empty()
                : IdentityStore.resolve(map, candidates);
        if (mapped.isPresent()) {
            return mapped;
        }
        if (email.isPresent()) {
            metrics.unmapped(Identity.email(email.get()), candidates);
            return Optional.of(Identity.email(email.get()).value());
        }
        if (account.isPresent()) {
            metrics.unmapped(Identity.account(account.get()), candidates);
            return account;
        }
        return log.text(PLAIN);
    }
}
