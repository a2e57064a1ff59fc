/**
 * Llama 3 byte-level BPE tokenization (and SentencePiece for the Llama 2 family):
 * {@link io.lariat.engine.tokenizer.Tokenizer} (built from a {@link io.lariat.engine.tokenizer.Vocabulary} or a
 * GGUF file), streaming decoding with
 * {@link io.lariat.engine.tokenizer.Utf8StreamDecoder}, and the spec's special ids in
 * {@link io.lariat.engine.tokenizer.SpecialTokens}.
 */
package io.lariat.engine.tokenizer;
