package io.lariat.engine;

import io.lariat.engine.model.KvCache;
import io.lariat.engine.model.KvCacheType;
import java.nio.file.Path;

/**
 * How an engine runs a model.
 *
 * @param threads     kernel threads, the caller's included (default: all available processors)
 * @param kvCacheType element type of session caches (default {@link KvCacheType#F16})
 * @param batchSize   prompt tokens per forward step of a prefill (default 512): each weight is read once per batch
 * @param listener    told about memory before it is allocated (default: ignores it)
 * @param precision   exact float activations, or the fast path's 8-bit activations (default {@link Precision#DEFAULT})
 * @param packedDir   where the fast path keeps its repacked copy of a model's weights (default
 *                    {@code ~/.lariat/cache/packed}); {@code null} repacks into memory at every load
 * @param kvMemory    bytes the KV cache blocks of all sessions may take together; unheld prefix blocks are kept
 *                    within it (default {@link KvCache#defaultBudget()}, sized from free memory)
 * @param prefixDir   where sessions' fixed prefixes are kept as KV blocks across runs; {@code null} (the default)
 *                    keeps nothing on disk
 * @param prefixBudget bytes the files of {@code prefixDir} may take together (all models); after each write the least
 *                    recently used files beyond it are deleted (default: no limit)
 * @param mmap        weights are read where they lie, through mappings of the model file and of the packed copy
 *                    (the default: loading costs nothing, and processes share the pages); {@code false} reads them
 *                    into the process's own memory at load (like llama.cpp's {@code --no-mmap}), which costs load
 *                    time and keeps them from being evicted and faulted back in (see {@code LlamaModel#load})
 */
public record EngineOptions(int threads, KvCacheType kvCacheType, int batchSize, EngineListener listener,
                            Precision precision, Path packedDir, long kvMemory, Path prefixDir, long prefixBudget,
                            boolean mmap) {

    /** Validates the values. */
    public EngineOptions {
        if (kvMemory < 1 || prefixBudget < 1) {
            throw new IllegalArgumentException("kvMemory and prefixBudget must be positive, got " + kvMemory + " and "
                    + prefixBudget);
        }
        if (threads < 1 || batchSize < 1) {
            throw new IllegalArgumentException("threads and batchSize must be at least 1, got " + threads + " and "
                    + batchSize);
        }
        if (kvCacheType == null || listener == null || precision == null) {
            throw new IllegalArgumentException("kvCacheType, listener and precision must not be null");
        }
    }

    /** The defaults. */
    public static EngineOptions defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder of {@link EngineOptions}. */
    public static final class Builder {
        private int threads = Runtime.getRuntime().availableProcessors();
        private KvCacheType kvCacheType = KvCacheType.F16;
        private int batchSize = 512;
        private EngineListener listener = EngineListener.IGNORE;
        private Precision precision = Precision.DEFAULT;
        private Path packedDir = Path.of(System.getProperty("user.home"), ".lariat", "cache", "packed");
        private long kvMemory;
        private Path prefixDir;
        private long prefixBudget = Long.MAX_VALUE;
        private boolean mmap = true;

        private Builder() {
        }

        /** See {@link EngineOptions#threads()}. */
        public Builder threads(int value) {
            threads = value;
            return this;
        }

        /** See {@link EngineOptions#kvCacheType()}. */
        public Builder kvCacheType(KvCacheType value) {
            kvCacheType = value;
            return this;
        }

        /** See {@link EngineOptions#batchSize()}. */
        public Builder batchSize(int value) {
            batchSize = value;
            return this;
        }

        /** See {@link EngineOptions#listener()}. */
        public Builder listener(EngineListener value) {
            listener = value;
            return this;
        }

        /** See {@link EngineOptions#precision()}. */
        public Builder precision(Precision value) {
            precision = value;
            return this;
        }

        /** See {@link EngineOptions#packedDir()}. */
        public Builder packedDir(Path value) {
            packedDir = value;
            return this;
        }

        /** See {@link EngineOptions#kvMemory()}; 0 means the default. */
        public Builder kvMemory(long bytes) {
            kvMemory = bytes;
            return this;
        }

        /** See {@link EngineOptions#prefixDir()}. */
        public Builder prefixDir(Path value) {
            prefixDir = value;
            return this;
        }

        /** See {@link EngineOptions#prefixBudget()}. */
        public Builder prefixBudget(long bytes) {
            prefixBudget = bytes;
            return this;
        }

        /** See {@link EngineOptions#mmap()}. */
        public Builder mmap(boolean value) {
            mmap = value;
            return this;
        }

        /** The options; throws {@link IllegalArgumentException} for invalid values. */
        public EngineOptions build() {
            return new EngineOptions(threads, kvCacheType, batchSize, listener, precision, packedDir,
                    kvMemory == 0 ? KvCache.defaultBudget() : kvMemory, prefixDir, prefixBudget, mmap);
        }
    }
}
