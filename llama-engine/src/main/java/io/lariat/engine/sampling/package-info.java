/** Token sampling: {@link io.lariat.engine.sampling.Sampler} applies {@link io.lariat.engine.sampling.SamplingOptions}. */
package io.lariat.engine.sampling;
