/**
 * The {@code lariat} command line ({@link io.lariat.cli.LariatCli}, one class per command) and the Quarkus
 * application's entry point for {@code serve} ({@link io.lariat.cli.LariatServer}). The only package that exits the
 * JVM.
 */
package io.lariat.cli;
