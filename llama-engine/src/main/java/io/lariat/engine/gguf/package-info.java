/**
 * GGUF model files: {@link io.lariat.engine.gguf.GgufFile} reads them (memory-mapped, bounds-checked),
 * {@link io.lariat.engine.gguf.GgufWriter} writes them. Problems with a file are reported as
 * {@link io.lariat.engine.gguf.GgufFormatException}.
 */
package io.lariat.engine.gguf;
