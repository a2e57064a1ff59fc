package io.lariat.engine.model;

import io.lariat.engine.kernels.WeightMatrix;

/**
 * The weights of one transformer block.
 *
 * @param attentionNorm RMSNorm gain before attention ({@code attn_norm})
 * @param query         {@code attn_q}: dim → heads × headDim
 * @param key           {@code attn_k}: dim → kvHeads × headDim
 * @param value         {@code attn_v}: dim → kvHeads × headDim
 * @param attentionOut  {@code attn_output}: heads × headDim → dim
 * @param ffnNorm       RMSNorm gain before the feed-forward network ({@code ffn_norm})
 * @param gate          {@code ffn_gate}: dim → hiddenDim (SiLU branch)
 * @param up            {@code ffn_up}: dim → hiddenDim
 * @param down          {@code ffn_down}: hiddenDim → dim
 */
record LayerWeights(float[] attentionNorm, WeightMatrix query, WeightMatrix key, WeightMatrix value,
                    WeightMatrix attentionOut, float[] ffnNorm, WeightMatrix gate, WeightMatrix up,
                    WeightMatrix down) {
}
