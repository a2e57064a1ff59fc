package io.lariat.examples.demo;

/** Which set of question templates a task is drawn from: training, or the disjoint held-out set. */
public enum Phrasing {
    /** Templates the model is trained on. */
    TRAINING,
    /** Templates never trained on, for the held-out evaluation. */
    HELD_OUT
}
