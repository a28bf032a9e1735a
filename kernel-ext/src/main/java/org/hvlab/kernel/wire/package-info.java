/**
 * The Jupyter wire protocol (messaging spec 5.3) for the hvlab kernel: the connection file, HMAC-SHA256 message
 * signing, the multipart frame layout and the five ZeroMQ sockets (shell, control, stdin, iopub, heartbeat).
 *
 * <p>Every socket is read with a blocking receive (no sleep-and-poll loop), so a request is handled as soon as it
 * arrives. Used by every notebook through the kernel; shown in {@code notebooks/00-tour.ipynb}.
 */
package org.hvlab.kernel.wire;
