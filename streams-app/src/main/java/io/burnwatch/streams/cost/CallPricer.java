package io.burnwatch.streams.cost;

import io.burnwatch.schema.ModelPrices;
import io.burnwatch.schema.UsageEvent;
import io.burnwatch.streams.state.Totals;
import io.burnwatch.streams.state.UsageTotals;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Turns each call into its own {@link UsageTotals}, with its cost at the price in {@link PriceStore} effective at
 * the call's ts, ready to be summed into rollups. A call of a model with no price there keeps a null cost, its
 * tokens count as unpriced, and {@link UnpricedTokens} records them.
 */
public final class CallPricer implements FixedKeyProcessor<String, UsageEvent, UsageTotals> {

    private FixedKeyProcessorContext<String, UsageTotals> context;
    private PriceBook prices;
    private UnpricedTokens unpriced;

    @Override
    public void init(FixedKeyProcessorContext<String, UsageTotals> context) {
        this.context = context;
        KeyValueStore<String, ModelPrices> store = context.getStateStore(PriceStore.NAME);
        this.prices = new PriceBook(store::get);
        this.unpriced = new UnpricedTokens(context.metrics());
    }

    @Override
    public void process(FixedKeyRecord<String, UsageEvent> record) {
        UsageEvent call = record.value();
        if (call == null) {
            // Downstream aggregations skip (and count) records without a value, as they did before pricing.
            context.forward(record.withValue(null));
            return;
        }
        Double cost = prices.priceOf(call.getModel(), call.getTs()).map(price -> CallCost.usd(call, price)).orElse(null);
        UsageTotals one = Totals.priced(call, cost);
        if (cost == null) {
            unpriced.record(ModelNames.canonical(call.getModel()), one.getUnpricedTokens());
        }
        context.forward(record.withValue(one));
    }
}
