package io.burnwatch.streams.state;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the memory of every RocksDB store of the process by one budget, {@value #MEMORY_MIB} MiB: one block cache
 * shared by all stores, which also holds their index and filter blocks and is charged for their memtables. By
 * default each store (and each segment of a window store) has its own 50 MiB cache and 3 × 16 MiB memtables, so
 * RSS grows with partitions × stores, outside the heap.
 *
 * <p>The cache is the process's: a second application in the same JVM shares it at the first one's size.
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {

    /** The budget in MiB, passed to Kafka Streams alongside its own settings. */
    public static final String MEMORY_MIB = "burnwatch.rocksdb.memory.mib";
    /** Up to half of the budget may be memtables; the rest holds blocks read. */
    private static final double MEMTABLE_SHARE = 0.5;
    /** Index and filter blocks are kept ahead of data blocks in this much of the cache. */
    private static final double INDEX_AND_FILTER_SHARE = 0.1;

    private static Cache cache;
    private static WriteBufferManager writeBuffers;

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        long budget = Long.parseLong(String.valueOf(configs.getOrDefault(MEMORY_MIB, "128")).trim()) << 20;
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(cache(budget));
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(writeBuffers);
        options.setTableFormatConfig(table);
    }

    private static synchronized Cache cache(long budget) {
        if (cache == null) {
            cache = new LRUCache(budget, -1, false, INDEX_AND_FILTER_SHARE);
            writeBuffers = new WriteBufferManager((long) (budget * MEMTABLE_SHARE), cache);
        }
        return cache;
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and the write buffer manager are shared by every store of the process: they stay open.
    }
}
