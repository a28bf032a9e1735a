/**
 * Installing the hvlab kernel for Jupyter: a user kernelspec {@code hvlab} ("Java (hvlab)") whose argv pins the JDK,
 * {@code -Djava.awt.headless=true}, the heap, the commit and the exact class path of this build; used by
 * {@code ./hvlab kernel install} and {@code ./hvlab lab}.
 */
package org.hvlab.kernel.install;
