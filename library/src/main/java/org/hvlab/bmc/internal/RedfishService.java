package org.hvlab.bmc.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hvlab.bmc.HostDescription;
import org.hvlab.bmc.ResetType;
import org.hvlab.bmc.Role;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.zip.CRC32;

/**
 * The Redfish service without HTTP: the state (systems, accounts, sessions, tasks), the GET router and the
 * state-changing operations. Every operation validates the whole request before it changes anything, so a
 * refused request leaves the state as it was.
 */
public final class RedfishService {
    static final String FIRMWARE_VERSION = "hvlab-bmc 1.0.0";
    static final int MIN_PASSWORD = 8;
    static final long PUSH_OVERHEAD = 64 * 1024;

    private final HostDescription host;
    private final Map<String, DpuPort> dpus = new LinkedHashMap<>();
    private final Map<String, SystemState> systems = new LinkedHashMap<>();
    private final Accounts accounts = new Accounts();
    private final Sessions sessions;
    private final Tasks tasks;
    private final Resources resources = new Resources(this);
    private final UpdateResources updateResources = new UpdateResources(this);
    private final UpdateEngine updates;
    private final long maxImageBytes;
    private final Consumer<ResetType> hostReset;

    public RedfishService(HostDescription host, List<DpuPort> dpuList, Clock clock, Duration sessionTimeout,
                          ExecutorService workers, ImageFetcher fetcher, ImageInstaller installer,
                          Consumer<ResetType> hostReset) {
        this.host = host;
        this.hostReset = hostReset;
        systems.put(Resources.HOST, new SystemState());
        long max = 0;
        for (DpuPort d : dpuList) {
            dpus.put(d.id(), d);
            systems.put(d.id(), new SystemState());
            max = Math.max(max, d.slotCapacityBytes());
        }
        this.maxImageBytes = max;
        this.sessions = new Sessions(clock, sessionTimeout);
        this.tasks = new Tasks(clock);
        this.updates = new UpdateEngine(this, workers, fetcher, installer);
    }

    public HostDescription host() { return host; }
    public Accounts accounts() { return accounts; }
    public Sessions sessions() { return sessions; }
    public Tasks tasks() { return tasks; }
    long maxImageBytes() { return maxImageBytes; }

    /** The largest multipart push body: MaxImageSizeBytes plus room for UpdateParameters and the part headers. */
    public long pushLimitBytes() { return maxImageBytes + PUSH_OVERHEAD; }

    List<String> systemIds() { return new ArrayList<>(systems.keySet()); }

    List<String> dpuIds() { return new ArrayList<>(dpus.keySet()); }

    DpuPort dpu(String id) { return dpus.get(id); }

    SystemState systemState(String id) { return systems.get(id); }

    /** Splits {@code /redfish/v1/A/B} into {@code [A, B]}; empty for the service root. */
    static List<String> segments(String path) {
        List<String> out = new ArrayList<>();
        for (String p : path.substring(Resources.V1.length()).split("/")) if (!p.isEmpty()) out.add(p);
        return out;
    }

    /** The resource at {@code path} (under {@code /redfish/v1}), if there is one. */
    public Optional<JsonNode> read(String path) {
        List<String> s = segments(path);
        int n = s.size();
        if (n == 0) return Optional.of(resources.serviceRoot());
        String a = s.get(0);
        String b = n > 1 ? s.get(1) : null;
        String c = n > 2 ? s.get(2) : null;
        switch (a) {
            case "Systems":
                if (n == 1) return Optional.of(resources.systems());
                if (n == 2) synchronized (this) { return resources.system(b).map(x -> x); }
                return Optional.empty();
            case "Chassis":
                if (n == 1) return Optional.of(resources.chassisCollection());
                if (n == 2) return resources.chassis(b).map(x -> x);
                if (!Resources.HOST.equals(b)) return Optional.empty();
                if ("PCIeDevices".equals(c)) {
                    if (n == 3) return Optional.of(resources.pcieDevices());
                    if (n == 4) return resources.pcieDevice(s.get(3)).map(x -> x);
                    if (n == 5 && "PCIeFunctions".equals(s.get(4))) return resources.pcieFunctions(s.get(3)).map(x -> x);
                    if (n == 6 && "PCIeFunctions".equals(s.get(4))) return resources.pcieFunction(s.get(3), s.get(5)).map(x -> x);
                }
                if ("NetworkAdapters".equals(c)) {
                    if (n == 3) return Optional.of(resources.networkAdapters());
                    if (n == 4) return resources.networkAdapter(s.get(3)).map(x -> x);
                }
                return Optional.empty();
            case "Managers":
                if (n == 1) return Optional.of(resources.managers());
                if (n == 2 && "BMC".equals(b)) return Optional.of(resources.manager());
                return Optional.empty();
            case "AccountService":
                if (n == 1) return Optional.of(resources.accountService());
                if ("Accounts".equals(b)) return n == 2 ? Optional.of(resources.accounts())
                        : n == 3 ? resources.account(c).map(x -> x) : Optional.empty();
                if ("Roles".equals(b)) return n == 2 ? Optional.of(resources.roles())
                        : n == 3 ? resources.role(c).map(x -> x) : Optional.empty();
                return Optional.empty();
            case "SessionService":
                if (n == 1) return Optional.of(resources.sessionService());
                if ("Sessions".equals(b)) return n == 2 ? Optional.of(resources.sessionsCollection())
                        : n == 3 ? sessions.byId(c).map(Resources::session) : Optional.empty();
                return Optional.empty();
            case "UpdateService":
                if (n == 1) return Optional.of(updateResources.updateService());
                if ("FirmwareInventory".equals(b)) return n == 2 ? Optional.of(updateResources.inventory())
                        : n == 3 ? updateResources.item(c).map(x -> x) : Optional.empty();
                return Optional.empty();
            case "TaskService":
                if (n == 1) return Optional.of(resources.taskService());
                if ("Tasks".equals(b)) return n == 2 ? Optional.of(resources.tasks())
                        : n == 3 ? tasks.byId(c).map(TaskRecord::json) : Optional.empty();
                return Optional.empty();
            default:
                return Optional.empty();
        }
    }

    /** GET of a task monitor: 202 and the task while it runs, 200 and the task once it has ended. */
    public Optional<Reply> monitor(String id) {
        return tasks.byId(id).map(t -> t.done() ? Reply.ok(t.json())
                : new Reply(202, t.json(), Map.of("Location", t.monitorPath(), "Retry-After", "1")));
    }

    /** A weak ETag over a body's bytes. */
    public static String etag(byte[] body) {
        CRC32 crc = new CRC32();
        crc.update(body);
        return String.format("W/\"%08x\"", crc.getValue());
    }

    /** POST to {@code path}. */
    public Reply post(String path, Principal who, byte[] body) {
        List<String> s = segments(path);
        if (s.equals(List.of("SessionService", "Sessions"))) return login(body);
        if (s.equals(List.of("AccountService", "Accounts"))) {
            who.require(Role.Privilege.CONFIGURE_USERS);
            return addAccount(Json.parseObject(body));
        }
        if (s.size() == 4 && s.get(0).equals("Systems") && s.get(2).equals("Actions")
                && s.get(3).equals("ComputerSystem.Reset") && systems.containsKey(s.get(1))) {
            who.require(Role.Privilege.CONFIGURE_COMPONENTS);
            return reset(s.get(1), Json.parseObject(body));
        }
        if (path.equals(Resources.SIMPLE_UPDATE)) {
            who.require(Role.Privilege.CONFIGURE_COMPONENTS);
            return updates.simpleUpdate(Json.parseObject(body));
        }
        throw notAllowedOrMissing(path, "POST");
    }

    /** A multipart push to {@code MultipartHttpPushUri}, the file already on the BMC's disk. */
    public Reply push(Principal who, byte[] parameters, Path file) {
        who.require(Role.Privilege.CONFIGURE_COMPONENTS);
        return updates.push(Json.parseObject(parameters), file);
    }

    /** 405 with {@code Allow} if {@code path} exists (as a resource or an action target), else 404. */
    RedfishError notAllowedOrMissing(String path, String method) {
        List<String> allow = allowed(path);
        return allow.isEmpty() ? RedfishError.notFound(path) : RedfishError.methodNotAllowed(method, path, allow);
    }

    /** The methods {@code path} takes; empty if there is nothing there. */
    List<String> allowed(String path) {
        List<String> s = segments(path);
        boolean reset = s.size() == 4 && s.get(0).equals("Systems") && systems.containsKey(s.get(1))
                && s.get(2).equals("Actions") && s.get(3).equals("ComputerSystem.Reset");
        if (reset || path.equals(Resources.SIMPLE_UPDATE) || path.equals(Resources.PUSH_URI)) return List.of("POST");
        boolean monitor = s.size() == 3 && s.get(0).equals("TaskService") && s.get(1).equals("TaskMonitors")
                && tasks.byId(s.get(2)).isPresent();
        if (!monitor && read(path).isEmpty()) return List.of();
        List<String> m = new ArrayList<>(List.of("GET", "HEAD"));
        if (s.size() == 2 && s.get(0).equals("Systems")) m.add("PATCH");
        if (s.equals(List.of("SessionService", "Sessions")) || s.equals(List.of("AccountService", "Accounts"))) {
            m.add("POST");
        }
        if (s.size() == 3 && s.get(0).equals("SessionService") && s.get(1).equals("Sessions")) m.add("DELETE");
        return m;
    }

    private Reply login(byte[] body) {
        ObjectNode req = Json.parseObject(body);
        String user = text(req, "UserName");
        String pass = text(req, "Password");
        // the submitted UserName is not echoed: the answer must not help to guess which user names exist
        Accounts.Account a = accounts.verify(user, pass).orElseThrow(() -> new RedfishError(401,
                "ResourceAtUriUnauthorized", "While accessing the resource at " + Resources.V1
                + "/SessionService/Sessions, the service received an authorization error: wrong user name or password.",
                List.of(Resources.V1 + "/SessionService/Sessions", "wrong user name or password"),
                "Check the credentials; the demo prints them at start."));
        Sessions.Session x = sessions.open(a);
        String loc = Resources.V1 + "/SessionService/Sessions/" + x.id();
        return new Reply(201, Resources.session(x), Map.of("X-Auth-Token", x.token(), "Location", loc));
    }

    /** The properties a new ManagerAccount may carry; anything else is PropertyUnknown. */
    static final List<String> ACCOUNT_PROPERTIES = List.of("UserName", "Password", "RoleId", "Enabled");

    private Reply addAccount(ObjectNode req) {
        for (String f : fieldNames(req)) {
            if (!ACCOUNT_PROPERTIES.contains(f)) {
                throw new RedfishError(400, "PropertyUnknown", "The property " + f + " is not in the list of valid "
                        + "properties for a new account: " + String.join(", ", ACCOUNT_PROPERTIES) + ".", List.of(f),
                        "Remove " + f + " from the request body.");
            }
        }
        String user = text(req, "UserName");
        String pass = text(req, "Password");
        String roleId = text(req, "RoleId");
        if (user.isEmpty() || user.indexOf(':') >= 0 || user.chars().anyMatch(Character::isISOControl)) {
            throw new RedfishError(400, "PropertyValueFormatError", "The value for the property UserName is not a "
                    + "valid user name: it must be non-empty, without ':' and without control characters.",
                    List.of(user.replaceAll("\\p{Cntrl}", "?"), "UserName"), "Choose a user name like 'operator1'.");
        }
        boolean enabled = true;
        JsonNode en = req.get("Enabled");
        if (en != null) {
            if (!en.isBoolean()) {
                throw new RedfishError(400, "PropertyValueTypeError", "The value " + en + " for the property Enabled "
                        + "is not a boolean.", List.of(en.toString(), "Enabled"), "Send Enabled as true or false.");
            }
            enabled = en.booleanValue();
        }
        Role role = Role.ofRoleId(roleId).orElseThrow(() -> RedfishError.valueNotInList(roleId, "RoleId",
                java.util.Arrays.stream(Role.values()).map(Role::roleId).toList()));
        if (pass.length() < MIN_PASSWORD) {
            throw new RedfishError(400, "PropertyValueFormatError", "The Password must have at least " + MIN_PASSWORD
                    + " characters.", List.of("(hidden)", "Password"), "Choose a longer password.");
        }
        synchronized (this) {
            if (accounts.exists(user)) {
                throw new RedfishError(409, "ResourceAlreadyExists", "An account named " + user + " already exists.",
                        List.of("ManagerAccount", "UserName", user), "Pick another UserName.");
            }
            Accounts.Account a = accounts.add(user, pass, role, enabled);
            String loc = Resources.V1 + "/AccountService/Accounts/" + a.id();
            return new Reply(201, resources.account(a.id()).orElseThrow(), Map.of("Location", loc));
        }
    }

    /**
     * {@code ComputerSystem.Reset}: the host through its reset port, a DPU through its model. {@code On} powers on a
     * system that is off and leaves a running one alone; the restart types restart it; {@code ForceOff} stops it.
     */
    private Reply reset(String id, ObjectNode req) {
        String name = text(req, "ResetType");
        ResetType type = ResetType.of(name).orElseThrow(() -> new RedfishError(400, "ActionParameterValueNotInList",
                "The value '" + name + "' for the parameter ResetType in the action ComputerSystem.Reset is not in the "
                + "list of acceptable values.", List.of(name, "ResetType", "ComputerSystem.Reset"),
                "Choose one of: " + String.join(", ", ResetType.names()) + "."));
        DpuPort d = dpus.get(id);
        SystemState st = systems.get(id);
        // On leaves a running system alone; a DPU powered but without a bootable slot is not running: On boots it
        synchronized (this) {
            boolean running = d == null ? "On".equals(st.powerState) : d.status().running();
            if (type == ResetType.On && running) {
                if (d != null) updates.requireIdle(id);
                return Reply.noContent();
            }
        }
        if (d != null) tasks.beginReset(id); // 409 while an update holds the DPU; no update starts until it ends
        try {
            // the system acts first: if its reset fails (500), the Redfish state is left as it was
            if (d == null) hostReset.accept(type);
            else if (type == ResetType.ForceOff) d.powerOff();
            else d.reset();
            synchronized (this) {
                st.resets++;
                st.powerState = type == ResetType.ForceOff ? "Off" : "On";
                if ("Once".equals(st.bootOverrideEnabled) && type != ResetType.ForceOff) {
                    // Redfish: a Once override applies to the next boot only, then reverts to Disabled
                    st.bootOverrideEnabled = "Disabled";
                }
            }
        } finally {
            if (d != null) tasks.endReset(id);
        }
        return Reply.noContent();
    }

    /** PATCH of a ComputerSystem's {@code Boot} override and {@code AssetTag}, guarded by {@code If-Match}. */
    public Reply patch(String path, Principal who, byte[] body, String ifMatch) {
        List<String> s = segments(path);
        if (s.size() != 2 || !s.get(0).equals("Systems") || !systems.containsKey(s.get(1))) {
            throw notAllowedOrMissing(path, "PATCH");
        }
        who.require(Role.Privilege.CONFIGURE_COMPONENTS);
        ObjectNode req = Json.parseObject(body);
        return SystemPatch.apply(this, resources, s.get(1), req, ifMatch);
    }

    /** DELETE of a session (logout). */
    public Reply delete(String path, Principal who) {
        List<String> s = segments(path);
        if (s.size() == 3 && s.get(0).equals("SessionService") && s.get(1).equals("Sessions")) {
            Sessions.Session x = sessions.byId(s.get(2)).orElseThrow(() -> RedfishError.notFound(path));
            if (!x.account().userName().equals(who.account().userName())) {
                who.require(Role.Privilege.CONFIGURE_USERS);
            }
            sessions.close(x.id());
            return Reply.noContent();
        }
        throw notAllowedOrMissing(path, "DELETE");
    }

    static String text(ObjectNode req, String field) {
        JsonNode v = req.get(field);
        if (v == null || v.isNull()) throw RedfishError.propertyMissing(field);
        if (!v.isTextual()) {
            throw new RedfishError(400, "PropertyValueTypeError", "The value " + v + " for the property " + field
                    + " is not a string.", List.of(v.toString(), field), "Send " + field + " as a JSON string.");
        }
        return v.asText();
    }

    static List<String> fieldNames(ObjectNode n) {
        List<String> l = new ArrayList<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) l.add(it.next());
        return l;
    }
}
