package org.hvlab.bmc.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/**
 * UpdateService's two entry points, SimpleUpdate (the BMC pulls {@code ImageURI}) and the multipart push (the
 * client uploads the capsule), and the task that carries either out: for each target DPU, fetch, validate, write
 * the inactive slot, commit, reset, and check which slot came up.
 */
final class UpdateEngine {
    static final List<String> PROTOCOLS = List.of("HTTP", "HTTPS");
    /** The parameters SimpleUpdate takes; anything else is ActionParameterUnknown. */
    static final List<String> SIMPLE_UPDATE_PARAMETERS = List.of("ImageURI", "TransferProtocol", "Targets", "Username",
            "Password", "@Redfish.OperationApplyTime");
    /** The properties UpdateParameters of a multipart push takes. */
    static final List<String> PUSH_PARAMETERS = List.of("Targets", "@Redfish.OperationApplyTime");
    static final String APPLY_TIME = "@Redfish.OperationApplyTime";
    static final List<String> APPLY_TIMES = List.of("Immediate");

    private final RedfishService service;
    private final ExecutorService workers;
    private final ImageFetcher fetcher;
    private final ImageInstaller installer;

    UpdateEngine(RedfishService service, ExecutorService workers, ImageFetcher fetcher, ImageInstaller installer) {
        this.service = service;
        this.workers = workers;
        this.fetcher = fetcher;
        this.installer = installer;
    }

    /** Where the capsule comes from. */
    private interface Source {
        String describe();

        /** Opens the capsule; {@code percent} takes how far the transfer is, 0 to 90, for this target. */
        InputStream open(java.util.function.IntConsumer percent, long[] total) throws IOException;

        void cleanUp();
    }

    Reply simpleUpdate(ObjectNode req) {
        checkParameters(req, "UpdateService.SimpleUpdate", SIMPLE_UPDATE_PARAMETERS);
        String image = RedfishService.text(req, "ImageURI");
        URI given;
        try {
            given = new URI(image);
        } catch (URISyntaxException e) {
            throw formatError(redact(image), "ImageURI", "it is not a URI: " + e.getReason());
        }
        // user:password@ in ImageURI are credentials: used as Basic auth, never shown in tasks or errors
        URI uri = withoutUserInfo(given);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toUpperCase(Locale.ROOT);
        if (!req.has("TransferProtocol") && !PROTOCOLS.contains(scheme)) {
            throw formatError(uri.toString(), "ImageURI", "the BMC fetches http:// and https:// URIs; give one, or "
                    + "name the protocol in TransferProtocol");
        }
        String protocol = req.has("TransferProtocol") ? RedfishService.text(req, "TransferProtocol") : scheme;
        if (!PROTOCOLS.contains(protocol)) throw RedfishError.valueNotInList(protocol, "TransferProtocol", PROTOCOLS);
        if (!scheme.equals(protocol) || uri.getHost() == null) {
            throw formatError(uri.toString(), "ImageURI", "TransferProtocol " + protocol + " needs an absolute "
                    + protocol.toLowerCase(Locale.ROOT) + "://host/path URI");
        }
        List<String> targets = targets(req, "UpdateService.SimpleUpdate");
        Optional<String> auth = Optional.empty();
        if (req.hasNonNull("Username")) {
            String pass = req.hasNonNull("Password") ? req.get("Password").asText() : "";
            auth = Optional.of(basic(req.get("Username").asText(), pass));
        } else if (given.getUserInfo() != null) {
            String info = given.getUserInfo();
            int colon = info.indexOf(':');
            auth = Optional.of(colon < 0 ? basic(info, "") : basic(info.substring(0, colon), info.substring(colon + 1)));
        }
        ObjectNode shown = req.deepCopy();
        shown.put("ImageURI", uri.toString());
        Optional<String> authorization = auth;
        ObjectNode payload = payload(Resources.SIMPLE_UPDATE, shown);
        Source src = new Source() {
            @Override public String describe() { return uri.toString(); }

            @Override public InputStream open(java.util.function.IntConsumer percent, long[] total) throws IOException {
                ImageFetcher.Transfer t = fetcher.open(uri, authorization, pos -> {
                    if (total[0] > 0) percent.accept((int) (pos * 90 / total[0]));
                });
                total[0] = t.length().orElse(0);
                return t;
            }

            @Override public void cleanUp() {}
        };
        return start("SimpleUpdate " + String.join(", ", targets), targets, payload, src);
    }

    Reply push(ObjectNode params, Path file) {
        checkParameters(params, "UpdateParameters", PUSH_PARAMETERS);
        List<String> targets = targets(params, "UpdateParameters");
        ObjectNode payload = payload(Resources.PUSH_URI, params);
        Source src = new Source() {
            @Override public String describe() { return "the uploaded UpdateFile"; }

            @Override public InputStream open(java.util.function.IntConsumer percent, long[] total) throws IOException {
                total[0] = Files.size(file);
                return Files.newInputStream(file);
            }

            @Override public void cleanUp() {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temp file left behind is removed with the BMC's staging directory
                }
            }
        };
        try {
            return start("MultipartHttpPushUpdate " + String.join(", ", targets), targets, payload, src);
        } catch (RuntimeException e) {
            src.cleanUp();
            throw e;
        }
    }

    /** 409 if a running task holds DPU {@code id}. */
    void requireIdle(String id) {
        for (TaskRecord t : service.tasks().all()) {
            if (!t.done() && t.dpuIds().contains(id)) {
                throw new RedfishError(409, "ResourceInUse", id + " is being updated by task " + t.path()
                        + "; it cannot be reset now.", List.of(), "Wait for " + t.path() + " to end.");
            }
        }
    }

    private Reply start(String name, List<String> targets, ObjectNode payload, Source src) {
        TaskRecord task = service.tasks().create(name, targets, payload);
        try {
            workers.execute(() -> run(task, targets, src));
        } catch (RejectedExecutionException e) {
            task.fail("Base.1.16.ServiceShuttingDown", "the BMC is shutting down; the update was not started");
        }
        return new Reply(202, task.json(), Map.of("Location", task.monitorPath(), "Retry-After", "1"));
    }

    private void run(TaskRecord task, List<String> dpuIds, Source src) {
        task.running();
        try {
            int i = 0;
            for (String id : dpuIds) {
                DpuPort dpu = service.dpu(id);
                task.message("Update.1.0.TransferringToComponent", "Transferring " + src.describe() + " to " + id
                        + ".", "OK", src.describe(), id);
                long[] total = {0};
                // each target gets an equal share of PercentComplete: 0-90 for its transfer, 95 once written
                int first = 100 * i / dpuIds.size();
                java.util.function.IntConsumer percent = p -> task.progress(first + p / dpuIds.size());
                ImageInstaller.Installed done;
                try (InputStream in = new ReadAheadInputStream(src.open(percent, total), 1 << 20, 4)) {
                    done = installer.install(dpu, in);
                } catch (ImageFetcher.TransferFailed e) {
                    throw new UpdateFailure(e.messageId(), e.getMessage(), e);
                } catch (IOException e) {
                    throw new UpdateFailure("Update.1.0.TransferFailed", "reading " + src.describe() + " failed: " + e, e);
                }
                task.message("Update.1.0.UpdateSuccessful", id + ": image " + done.version() + " (" + done.build()
                        + ", " + done.imageBytes() + " bytes) verified and written to slot " + done.slotId()
                        + "; slot " + done.slotId() + " made active and the DPU reset.", "OK", id);
                percent.accept(95);
                DpuPort.BootInfo boot = done.boot();
                if (boot.fellBack() || !boot.slotId().equals(done.slotId())) {
                    throw new UpdateFailure("Update.1.0.ActivateFailed", id + " did not boot the new image: it came "
                            + "up from slot " + boot.slotId() + " (" + boot.version() + ") because " + boot.reason());
                }
                task.message("Update.1.0.UpdateSuccessful", id + " was reset and booted " + boot.version()
                        + " from slot " + boot.slotId() + ".", "OK", id);
                i++;
                task.progress(100 * i / dpuIds.size());
            }
            task.complete("The task with Id '" + task.id() + "' has completed: " + dpuIds.size() + " DPU(s) updated.");
        } catch (UpdateFailure e) {
            task.fail(e.messageId(), e.getMessage());
        } catch (RuntimeException e) {
            task.fail("Base.1.16.InternalError", "the update stopped on an internal error: " + e);
        } finally {
            src.cleanUp();
        }
    }

    /** Refuses parameters outside {@code known} and an apply time other than Immediate, before anything starts. */
    private static void checkParameters(ObjectNode req, String action, List<String> known) {
        for (String f : RedfishService.fieldNames(req)) {
            if (!known.contains(f)) {
                throw new RedfishError(400, "ActionParameterUnknown", "The action " + action + " was submitted with "
                        + "the invalid parameter " + f + "; it takes " + String.join(", ", known) + ".",
                        List.of(action, f), "Remove " + f + " from the request body.");
            }
        }
        JsonNode at = req.get(APPLY_TIME);
        if (at != null && !(at.isTextual() && APPLY_TIMES.contains(at.asText()))) {
            throw RedfishError.valueNotInList(at.isTextual() ? at.asText() : at.toString(), APPLY_TIME, APPLY_TIMES);
        }
    }

    private List<String> targets(ObjectNode req, String action) {
        JsonNode t = req.get("Targets");
        List<String> valid = service.dpuIds().stream().map(id -> Resources.V1 + "/Systems/" + id).toList();
        if (t == null || t.isNull()) {
            throw new RedfishError(400, "ActionParameterMissing", "The action " + action + " requires the parameter "
                    + "Targets; valid targets are " + String.join(", ", valid) + ".", List.of(action, "Targets"),
                    "Send Targets as [\"" + (valid.isEmpty() ? "" : valid.get(0)) + "\"].");
        }
        if (!t.isArray() || t.isEmpty()) {
            throw new RedfishError(400, "PropertyValueTypeError", "Targets must be a non-empty array of URIs; valid "
                    + "targets are " + String.join(", ", valid) + ".", List.of(t.toString(), "Targets"),
                    "Send Targets as [\"" + (valid.isEmpty() ? "" : valid.get(0)) + "\"].");
        }
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        for (JsonNode e : t) {
            String p = e.asText();
            String norm = p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
            int at = valid.indexOf(norm);
            if (!e.isTextual() || at < 0) {
                throw new RedfishError(400, "ActionParameterValueNotInList", "The target " + e + " is not a DPU this "
                        + "BMC can update; valid targets are " + String.join(", ", valid) + ".", List.of(e.toString(),
                        "Targets", action), "Use one of: " + String.join(", ", valid) + ".");
            }
            ids.add(service.dpuIds().get(at));
        }
        return new ArrayList<>(ids);
    }

    private static ObjectNode payload(String target, ObjectNode body) {
        ObjectNode p = Json.object();
        p.put("TargetUri", target);
        p.put("HttpOperation", "POST");
        ObjectNode redacted = body.deepCopy();
        if (redacted.has("Password")) redacted.put("Password", "****");
        p.put("JsonBody", redacted.toString());
        return p;
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code uri} without its user info ({@code user:password@}), for fetching and for display. */
    static URI withoutUserInfo(URI uri) {
        if (uri.getRawUserInfo() == null) return uri;
        try {
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), uri.getQuery(),
                    uri.getFragment());
        } catch (URISyntaxException e) {
            throw formatError("(a URI with user info)", "ImageURI", "it is not a URI once its user info is removed");
        }
    }

    /** A string that failed to parse as a URI, with anything between {@code //} and {@code @} masked. */
    static String redact(String text) {
        return text.replaceAll("//[^/@]*@", "//****@");
    }

    private static RedfishError formatError(String value, String property, String why) {
        return new RedfishError(400, "PropertyValueFormatError", "The value " + value + " for the property "
                + property + " is not valid: " + why + ".", List.of(value, property),
                "Send e.g. http://127.0.0.1:9000/dpu-os.cap with TransferProtocol HTTP.");
    }
}
