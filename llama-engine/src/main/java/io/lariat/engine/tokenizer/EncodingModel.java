package io.lariat.engine.tokenizer;

/**
 * How a vocabulary turns ordinary text into ids: byte-level BPE after the Llama 3 split, or SentencePiece.
 * Implementations are immutable and thread-safe; scratch space is per call.
 */
sealed interface EncodingModel permits BpeModel, SentencePieceModel {

    /** Appends the ids of a fragment of ordinary text (not empty: the input, or text between special tokens). */
    void encode(String text, IntList out);
}
