package org.hvlab.bmc.redfish;

/** One entry of a task's {@code Messages}. */
public record TaskMessage(String messageId, String message, String severity) {}
