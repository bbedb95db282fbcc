package io.burnwatch.streams.state;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the memory of every RocksDB store of the process by one budget, {@value #MEMORY_MIB} MiB: one block cache
 * shared by all stores and charged for their memtables, which may take half of it. By default each store (and each
 * segment of a window store) has its own 50 MiB cache and 3 × 16 MiB memtables, so RSS grows with partitions ×
 * stores, outside the heap. Index and filter blocks stay out of the cache: cached, a cache this size evicts them
 * under the data blocks of a hundred stores, and every read decodes them again (a tenth of the throughput, measured).
 *
 * <p>The cache is the process's: applications in one JVM with the same budget share it.
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {

    /** The budget in MiB, passed to Kafka Streams alongside its own settings. */
    public static final String MEMORY_MIB = "burnwatch.rocksdb.memory.mib";
    /** Up to half of the budget may be memtables; the rest holds blocks read. */
    private static final double MEMTABLE_SHARE = 0.5;

    private static final Map<Long, Shared> SHARED = new HashMap<>();

    private record Shared(Cache cache, WriteBufferManager writeBuffers) {
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        long budget = Long.parseLong(String.valueOf(configs.getOrDefault(MEMORY_MIB, "256")).trim()) << 20;
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        Shared shared = shared(budget);
        table.setBlockCache(shared.cache());
        options.setWriteBufferManager(shared.writeBuffers());
        options.setTableFormatConfig(table);
    }

    private static synchronized Shared shared(long budget) {
        return SHARED.computeIfAbsent(budget, bytes -> {
            Cache cache = new LRUCache(bytes);
            return new Shared(cache, new WriteBufferManager((long) (bytes * MEMTABLE_SHARE), cache));
        });
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and the write buffer manager are shared by every store of the process: they stay open.
    }
}
