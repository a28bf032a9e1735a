/**
 * The {@code hvlab} command-line tool (picocli), run by the {@code ./hvlab} launcher: {@code test}, {@code jshell},
 * {@code bench}, the kernel's {@code kernel}/{@code lab}/{@code report}, and one subcommand per artefact or server
 * ({@code pci}, {@code capsule}, {@code bmc}). A {@link org.hvlab.core.LabException} is printed as its message with
 * its reason code and exit status 2.
 */
package org.hvlab.cli;
