package io.burnwatch.streams.cost;

import io.burnwatch.schema.ModelPrices;
import io.burnwatch.schema.UsageEvent;
import io.burnwatch.streams.ledger.LedgerEntries;
import io.burnwatch.streams.metrics.BurnwatchMetrics;
import io.burnwatch.streams.state.LedgerEntry;
import io.burnwatch.streams.state.Totals;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Prices each call once, at the price in {@link PriceStore} effective at the call's ts, into a {@link LedgerEntry}
 * that carries the call and its cost to every rollup dimension. A call of a model with no price there keeps a null
 * cost (its tokens count as unpriced), and {@link UnpricedTokens} records them.
 */
public final class CallPricer implements FixedKeyProcessor<String, UsageEvent, LedgerEntry> {

    private FixedKeyProcessorContext<String, LedgerEntry> context;
    private PriceBook prices;
    private UnpricedTokens unpriced;

    @Override
    public void init(FixedKeyProcessorContext<String, LedgerEntry> context) {
        this.context = context;
        KeyValueStore<String, ModelPrices> store = context.getStateStore(PriceStore.NAME);
        this.prices = new PriceBook(store::get);
        this.unpriced = new UnpricedTokens(BurnwatchMetrics.from(context.appConfigs()));
    }

    @Override
    public void process(FixedKeyRecord<String, UsageEvent> record) {
        UsageEvent call = record.value();
        Double cost = prices.priceOf(call.getModel(), call.getTs()).map(price -> CallCost.usd(call, price)).orElse(null);
        if (cost == null) {
            unpriced.record(ModelNames.canonical(call.getModel()), Totals.tokens(call));
        }
        context.forward(record.withValue(LedgerEntries.call(call, cost)));
    }
}
