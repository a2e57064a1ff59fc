/**
 * Speed measurement: {@link io.lariat.engine.bench.Benchmark} (llama-bench's pp/tg tests) over real files or
 * synthetic models of real shapes written by {@link io.lariat.engine.bench.SyntheticModels}.
 */
package io.lariat.engine.bench;
