package io.burnwatch.streams.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.burnwatch.streams.state.SlotUsd;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Sparse ring: only the slots with an amount, oldest first, within the latest size")
class SparseRingTest {

    private static final int SIZE = 4;

    @Test
    @DisplayName("amounts add up per slot, out of order too, and slots stay in order")
    void addsInOrder() {
        List<SlotUsd> slots = SparseRing.add(List.of(), 10, 1.0, 10, SIZE);
        slots = SparseRing.add(slots, 8, 2.0, 10, SIZE);
        slots = SparseRing.add(slots, 10, 0.5, 10, SIZE);
        slots = SparseRing.add(slots, 9, 0.0, 10, SIZE);

        assertThat(slots).extracting(SlotUsd::getSlot, SlotUsd::getUsd)
                .containsExactly(tuple(8L, 2.0), tuple(10L, 1.5));
        assertThat(SparseRing.get(slots, 10, 10, SIZE)).isEqualTo(1.5);
        assertThat(SparseRing.get(slots, 9, 10, SIZE)).as("nothing added").isZero();
    }

    @Test
    @DisplayName("a later latest slot drops the slots that no longer count; a slot too old takes nothing")
    void dropsWhatNoLongerCounts() {
        List<SlotUsd> slots = SparseRing.add(SparseRing.add(List.of(), 7, 1.0, 7, SIZE), 9, 2.0, 9, SIZE);

        List<SlotUsd> moved = SparseRing.add(slots, 11, 3.0, 11, SIZE);
        assertThat(moved).extracting(SlotUsd::getSlot).containsExactly(9L, 11L);
        assertThat(SparseRing.add(moved, 7, 5.0, 11, SIZE)).extracting(SlotUsd::getSlot).containsExactly(9L, 11L);
        assertThat(SparseRing.get(slots, 7, 11, SIZE)).as("read beside a later latest").isZero();
        assertThat(SparseRing.get(slots, 12, 11, SIZE)).as("after the latest").isZero();
    }
}
