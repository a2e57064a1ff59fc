/**
 * Vector API kernels over memory-mapped GGML weights: one {@link io.lariat.engine.kernels.MatrixKernel} per weight
 * type, {@link io.lariat.engine.kernels.WeightMatrix} for matrix products, {@link io.lariat.engine.kernels.WorkerPool}
 * for the threads, and {@link io.lariat.engine.kernels.ReferenceKernels} as the scalar ground truth.
 */
package io.lariat.engine.kernels;
