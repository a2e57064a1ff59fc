package io.lariat.engine.tokenizer;

/**
 * The Llama 3.x special-token ids and their literal names: the one place in Lariat where these spec values live.
 *
 * <p>Identify special tokens by id (spec §1.2); the names are what {@link Tokenizer#decode} prints and what
 * {@link Tokenizer#encodeWithSpecials} recognises. Only the ids that matter for chat are listed.
 */
public final class SpecialTokens {

    /** BOS: exactly once, as the first token of a prompt. */
    public static final int BEGIN_OF_TEXT = 128000;
    /** EOS of base models; a stop token. */
    public static final int END_OF_TEXT = 128001;
    /** Opens a role header. */
    public static final int START_HEADER = 128006;
    /** Closes a role header. */
    public static final int END_HEADER = 128007;
    /** End of message: the model stops so that a tool can run (spec §4.4). */
    public static final int EOM = 128008;
    /** End of turn: the model is finished; also terminates every non-assistant message. */
    public static final int EOT = 128009;
    /** Starts a tool call. */
    public static final int PYTHON_TAG = 128010;

    /** Literal name of {@link #BEGIN_OF_TEXT}. */
    public static final String BEGIN_OF_TEXT_NAME = "<|begin_of_text|>";
    /** Literal name of {@link #END_OF_TEXT}. */
    public static final String END_OF_TEXT_NAME = "<|end_of_text|>";
    /** Literal name of {@link #START_HEADER}. */
    public static final String START_HEADER_NAME = "<|start_header_id|>";
    /** Literal name of {@link #END_HEADER}. */
    public static final String END_HEADER_NAME = "<|end_header_id|>";
    /** Literal name of {@link #EOM}. */
    public static final String EOM_NAME = "<|eom_id|>";
    /** Literal name of {@link #EOT}. */
    public static final String EOT_NAME = "<|eot_id|>";
    /** Literal name of {@link #PYTHON_TAG}. */
    public static final String PYTHON_TAG_NAME = "<|python_tag|>";

    private SpecialTokens() {
    }

    /**
     * Whether generation stops at {@code id}: the stop set {128001, 128008, 128009} of spec §1.2.
     */
    public static boolean isStop(int id) {
        return id == END_OF_TEXT || id == EOM || id == EOT;
    }
}
