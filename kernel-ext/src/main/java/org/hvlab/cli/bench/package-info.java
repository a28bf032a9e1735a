/**
 * {@code hvlab bench NAME}: each benchmark measures its subject and its baseline in the same run and returns one row
 * per figure with its target; {@link org.hvlab.cli.bench.BenchCsv} writes {@code datasets/bench/NAME.csv} with
 * provenance columns (commit, date, JDK, cores). JMH benchmarks run in forked JVMs from the library's test classes.
 */
package org.hvlab.cli.bench;
