package circuitbreaker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances on loopback, clustered through Payara Micro's data grid exactly as an operator sets it up
 * (CIRCUIT_BREAKER_CLUSTER and friends, read by scripts/circuit-breaker.sh): they agree, updates cross over to
 * every socket, and a member killed with -9 serves the fleet's newer state from its first healthy answer. Both are
 * given the same name, as every member of a Payara Server fleet is by default: what happens once per fleet still
 * happens once, because the grid's own membership decides who leads.
 */
class ClusterIT {

    @TempDir
    Path work;

    ServiceProcess a;
    ServiceProcess b;
    int sitePort;
    MainSite.Running site;
    Receivers receivers;

    @AfterEach
    void stop() throws Exception {
        for (ServiceProcess instance : new ServiceProcess[] {a, b}) {
            if (instance != null) {
                instance.stopQuietly();
            }
        }
        if (site != null) {
            site.close();
        }
        if (receivers != null) {
            receivers.close();
        }
    }

    static final String NAME = "edge";

    /** A member in its own folder, under the name both share. */
    ServiceProcess member(String folder) throws Exception {
        Map<String, String> cluster = new HashMap<>();
        cluster.put("CIRCUIT_BREAKER_CLUSTER", "127.0.0.1:6900,127.0.0.1:6901");
        cluster.put("CIRCUIT_BREAKER_CLUSTER_NAME", "cb-test-" + ProcessHandle.current().pid());
        cluster.put("CIRCUIT_BREAKER_CLUSTER_INTERFACE", "127.0.0.1");
        cluster.put("CIRCUIT_BREAKER_INSTANCE", NAME);
        // Both watch the same site, as a fleet behind one load balancer would.
        cluster.put("CIRCUIT_BREAKER_WATCH_URL", "http://127.0.0.1:" + sitePort + "/health");
        cluster.put("CIRCUIT_BREAKER_WATCH_INTERVAL", "1");
        cluster.put("CIRCUIT_BREAKER_WATCH_FAILURES", "2");
        cluster.put("CIRCUIT_BREAKER_WATCH_SUCCESSES", "2");
        cluster.put("CIRCUIT_BREAKER_WEBHOOKS_FILE", work.resolve("webhooks.json").toString()); // one file for both
        cluster.put("CIRCUIT_BREAKER_STATE_FILE", Files.createDirectories(work.resolve(folder))
                .resolve("maintenance-status.json").toString());
        // The same scopes on both, but beta was given one more by mistake: it is named in the other's /health.
        Path scopes = Files.writeString(work.resolve(folder).resolve("scopes.json"), "[{\"name\": \"shop\", "
                + "\"hosts\": [\"shop.example.test\"]}" + (folder.equals("beta") ? ", {\"name\": \"blog\", "
                + "\"hosts\": [\"blog.example.test\"]}" : "") + "]");
        cluster.put("CIRCUIT_BREAKER_SCOPES_FILE", scopes.toString());
        return new ServiceProcess(work.resolve(folder), cluster);
    }

    static void started(ServiceProcess... instances) {
        List<CompletableFuture<Void>> starts = new ArrayList<>();
        for (ServiceProcess instance : instances) {
            starts.add(CompletableFuture.runAsync(instance::start));
        }
        starts.forEach(CompletableFuture::join);
    }

    static List<String> members(ServiceProcess instance) {
        return instance.api().health().getJsonObject("cluster").getJsonArray("members").getValuesAs(JsonString.class)
                .stream().map(JsonString::getString).toList();
    }

    /** The members that say they lead what happens once per fleet. */
    static long leaders(ServiceProcess... members) {
        return List.of(members).stream().filter(m -> m.api().health().getJsonObject("cluster").getBoolean("leads"))
                .count();
    }

    /** Webhook deliveries this member still has to send. */
    static int pending(ServiceProcess instance) {
        return Api.json(instance.api().get("/api/maintenance/webhooks", "Authorization", "Bearer " + Api.TOKEN))
                .getInt("pending");
    }

    static JsonObject post(ServiceProcess instance, String json) {
        var response = instance.api().post(json, "Content-Type", "application/json");
        assertEquals(200, response.statusCode(), response.body());
        return Api.json(response).getJsonObject("state");
    }

    @Test
    void membersAgreeUpdatesCrossOverAndAKilledMemberCatchesUp() throws Exception {
        sitePort = ServiceProcess.freePort();
        site = new MainSite.Running(sitePort).start();
        receivers = new Receivers();
        Files.writeString(work.resolve("webhooks.json"), "[" + WebhooksIT.hook(receivers.receiver("/team", n -> 204),
                "maintenance.updated", null) + "]");
        a = member("alpha");
        b = member("beta");
        started(a, b);
        Waits.await("each member to see the other", Duration.ofSeconds(60),
                () -> members(a).equals(List.of(NAME, NAME)) && members(b).equals(List.of(NAME, NAME)));
        assertEquals(1, leaders(a, b), "two members with one name: exactly one leads");
        for (ServiceProcess member : List.of(a, b)) {
            String log = Files.readString(member.runDir.resolve("circuit-breaker-" + member.port + ".log"));
            assertTrue(log.contains("Another cluster member is also named " + NAME), "each is told of the other");
        }

        // An update on A reaches a page's socket on B, and B answers the same state.
        List<Long> micros = new ArrayList<>();
        try (SocketClient onB = new SocketClient(b.api().base())) {
            onB.next("statusUpdate", Duration.ofSeconds(5));
            post(a, "{\"message\":\"Maintenance on\",\"countdown\":1800}"); // a first start is off: open it first
            onB.next("statusUpdate", Duration.ofSeconds(2));
            for (int i = 0; i < 100; i++) {
                long sent = System.nanoTime();
                post(a, "{\"message\":\"Update " + i + " from alpha\",\"countdown\":1800}");
                SocketClient.Frame frame = onB.next("statusUpdate", Duration.ofSeconds(2));
                micros.add((frame.receivedAt() - sent) / 1000);
                assertEquals("Update " + i + " from alpha", frame.data().getString("message"));
            }
            // The console on alpha counts the visitor waiting on beta, from beta's announcements (every 5 s); under
            // their one name, the visitors of both.
            Waits.await("alpha's console to count beta's visitor", Duration.ofSeconds(12), () -> {
                JsonObject visitors = Api.json(a.api().get("/api/maintenance/console", "Authorization",
                        "Bearer " + Api.TOKEN)).getJsonObject("openSockets");
                return visitors.getInt("fleet") == visitors.getInt("here") + 1
                        && visitors.getJsonObject("byInstance").getInt(NAME, 0) == visitors.getInt("fleet");
            });
        }
        // A scope's change on A reaches a page of that scope on B within a second; B's file keeps it.
        try (SocketClient shopOnB = new SocketClient(b.api().base(), "/circuit-breaker/ws/shop")) {
            shopOnB.next("statusUpdate", Duration.ofSeconds(5));
            long sent = System.nanoTime();
            var answer = a.api().send("/api/maintenance/scopes/shop/status", "POST",
                    "{\"message\":\"The shop restocks\",\"countdown\":600}", "Content-Type", "application/json");
            assertEquals(200, answer.statusCode(), answer.body());
            SocketClient.Frame frame = shopOnB.next("statusUpdate", Duration.ofSeconds(2));
            long millis = (frame.receivedAt() - sent) / 1_000_000;
            System.out.printf("A scope's change on A to its page's socket on B: %d ms%n", millis);
            assertTrue(millis <= 1000, millis + " ms");
            assertEquals("shop", frame.scope());
            assertEquals("The shop restocks", frame.data().getString("message"));
        }
        Waits.await("B's state file to keep the shop's state", Duration.ofSeconds(5), () -> "The shop restocks".equals(
                new StateOnDisk(b.stateFile()).json().getJsonObject("scopes").getJsonObject("shop").getString("message")));
        assertEquals(List.of("edge"), a.api().health().getJsonObject("scopes").getJsonArray("differ")
                .getValuesAs(JsonString.class).stream().map(JsonString::getString).toList(), "beta reads other scopes");
        assertTrue(a.api().get("/api/maintenance/scopes/blog/status").statusCode() == 404, "alpha has no blog");
        operatorsFollowTheFleet();

        micros.sort(null);
        long median = micros.get(49);
        long p99 = micros.get(98);
        System.out.printf("Cross-instance propagation (POST on A to a socket on B), 100 updates: median %.1f ms,"
                + " p99 %.1f ms, max %.1f ms%n", median / 1000.0, p99 / 1000.0, micros.get(99) / 1000.0);
        // Both members know the receiver; the member that made each change tells it: once per fleet.
        receivers.await("/team", 100, Duration.ofSeconds(15));
        Waits.await("no delivery left to send on either member", Duration.ofSeconds(15), () -> pending(a) + pending(b) == 0);
        List<Receivers.Received> told = receivers.at("/team");
        assertEquals(100, told.size(), "one delivery per update, not one per member");
        assertEquals(100, told.stream().map(r -> r.json().getJsonObject("data").getString("message")).distinct().count());

        JsonObject onA = a.api().status();
        JsonObject onBNow = b.api().status();
        for (String field : List.of("message", "estimatedCompletion", "startTime", "version", "updatedAt")) {
            assertEquals(onA.get(field), onBNow.get(field), field + " agrees");
        }
        assertTrue(Math.abs(onA.getInt("countdown") - onBNow.getInt("countdown")) <= 1, "one end time, one countdown");
        Waits.await("B's state file to hold A's update", Duration.ofSeconds(5),
                () -> new StateOnDisk(b.stateFile()).json().getJsonNumber("version").equals(onA.getJsonNumber("version")));

        // A dies without warning; B keeps serving and takes writes.
        a.crash();
        assertEquals(200, b.api().get("/health").statusCode());
        JsonObject whileDown = post(b, "{\"message\":\"Written on beta while alpha was down\"}");

        // A comes back with an older file. It reports healthy only once it holds B's newer state, and the start
        // script returns only then: its first healthy answer already serves the fleet's state.
        a.start();
        JsonObject first = a.api().status();
        assertEquals("Written on beta while alpha was down", first.getString("message"));
        assertEquals(whileDown.getJsonNumber("version"), first.getJsonNumber("version"));
        assertEquals("UP", Api.json(a.api().get("/mp-health/ready")).getString("status"));
        Waits.await("A's state file to hold it too", Duration.ofSeconds(5), () -> "Written on beta while alpha was down"
                .equals(new StateOnDisk(a.stateFile()).json().getString("message")));

        // Both watch the site; one outage is one trip and one recovery, seen on both.
        post(b, "{\"isActive\":false}");
        try (SocketClient socketA = new SocketClient(a.api().base()); SocketClient socketB = new SocketClient(b.api().base())) {
            socketA.next("statusUpdate", Duration.ofSeconds(5));
            socketB.next("statusUpdate", Duration.ofSeconds(5));
            site.kill();
            JsonObject trip = onlyUpdate(socketA, socketB);
            assertTrue(trip.getBoolean("isActive"));
            assertEquals("watcher", trip.getString("cause"));
            site = new MainSite.Running(sitePort).start();
            JsonObject recovery = onlyUpdate(socketA, socketB);
            assertFalse(recovery.getBoolean("isActive"));
            assertEquals(trip.getJsonNumber("version").longValue() + 1, recovery.getJsonNumber("version").longValue());
            long watching = List.of(a, b).stream()
                    .filter(m -> m.api().health().getJsonObject("watcher").getBoolean("watching")).count();
            assertEquals(1, watching, "exactly one member probes the site");
            assertEquals(1, leaders(a, b), "and it is the one that leads");
        }

        fleetReopening();

        // A window made on alpha is listed on beta, and opens and closes once, by beta, after alpha is gone (beta
        // leads anyway now, being the grid's oldest since alpha's restart; had it not, it takes over within 15 s).
        long start = System.currentTimeMillis() + 22_000;
        var made = a.api().send("/api/maintenance/windows", "POST", "{\"start\":" + start + ",\"end\":" + (start + 4000)
                + ",\"message\":\"Fleet window\"}", "Content-Type", "application/json");
        assertEquals(201, made.statusCode(), made.body());
        Waits.await("beta to list alpha's window", Duration.ofSeconds(5),
                () -> b.api().get("/api/maintenance/windows").body().contains("Fleet window"));
        a.crash();
        try (SocketClient onBeta = new SocketClient(b.api().base())) {
            onBeta.next("statusUpdate", Duration.ofSeconds(5));
            List<SocketClient.Frame> updates = onBeta.collect("statusUpdate",
                    Duration.ofMillis(start + 4000 + 3000 - System.currentTimeMillis()));
            assertEquals(List.of(true, false), updates.stream().map(f -> f.data().getBoolean("isActive")).toList(),
                    "opened once and closed once: " + updates);
            assertTrue(updates.stream().allMatch(f -> f.data().getString("cause").equals("schedule")));
            assertTrue(updates.get(0).receivedAt() > 0 && updates.get(0).data().getJsonNumber("updatedAt").longValue()
                    >= start, "not before its start");
        }
        assertEquals(2, Api.json(b.api().get("/api/maintenance/history?limit=5")).getJsonArray("entries")
                .getValuesAs(JsonObject.class).stream().filter(e -> e.getString("cause").equals("schedule")).count(),
                "one timeline entry for the opening, one for the closing");
    }

    /**
     * Operators named on alpha (its own file, by the real CLI) hold on beta within 2 s, and a revoked token is refused
     * on both within 2 s. Once no operator is left, loopback clients operate again, as before.
     */
    void operatorsFollowTheFleet() throws Exception {
        String stays = operator("add", "stays").out().strip();
        String leaves = operator("add", "leaves").out().strip();
        long start = System.nanoTime();
        for (ServiceProcess member : List.of(a, b)) {
            // Until then loopback clients were trusted: only a refused stranger's token shows the operators hold.
            Waits.await("a token to be needed, and both to work, on " + member.port, Duration.ofSeconds(10),
                    () -> callerStatus(member, "cbo_not-a-token") == 401 && callerStatus(member, stays) == 200
                    && callerStatus(member, leaves) == 200);
        }
        long followed = (System.nanoTime() - start) / 1_000_000;
        assertTrue(followed <= 2_000, "beta followed alpha's file in " + followed + " ms");
        assertEquals(a.api().health().getJsonObject("operators"), b.api().health().getJsonObject("operators"),
                "one version of the operators, no conflict, on both");
        assertEquals(2, b.api().health().getJsonObject("operators").getInt("version"));
        assertEquals(0, operator("revoke", "leaves").exitCode());
        start = System.nanoTime();
        for (ServiceProcess member : List.of(a, b)) {
            Waits.await("the revoked token to be refused on " + member.port, Duration.ofSeconds(10),
                    () -> callerStatus(member, leaves) == 401);
        }
        long revoked = (System.nanoTime() - start) / 1_000_000;
        assertTrue(revoked <= 2_000, "refused fleet-wide " + revoked + " ms after the revoke");
        assertEquals(200, callerStatus(b, stays));
        System.out.printf("Operators across the fleet: followed in %d ms, revoked in %d ms%n", followed, revoked);
        assertEquals(0, operator("revoke", "stays").exitCode());
        Waits.await("loopback clients to operate again", Duration.ofSeconds(10), () -> b.api().get(
                "/api/maintenance/console/caller").body().contains("\"name\":\"loopback\""));
    }

    /** The CLI's operator command on alpha's operators file (beside its state file). */
    Command operator(String... arguments) {
        List<String> command = new ArrayList<>(List.of("bash", "scripts/circuit-breaker-status.sh", "operator"));
        command.addAll(List.of(arguments));
        Command done = Command.run(Map.of("CIRCUIT_BREAKER_OPERATORS_FILE",
                a.stateFile().resolveSibling("operators.json").toString()), command);
        assertEquals(0, done.exitCode(), done.toString());
        return done;
    }

    static int callerStatus(ServiceProcess member, String token) {
        return member.api().get("/api/maintenance/console/caller", "Authorization", "Bearer " + token).statusCode();
    }

    /**
     * A reopening across the fleet: each member lets its own waiting visitors in over the same ten seconds, so the
     * fleet's admissions per second stay within 1.3 times the fleet's even rate; the leader records the fleet's count.
     */
    void fleetReopening() throws Exception {
        post(a, "{\"message\":\"Closed across the fleet\",\"countdown\":600}");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<WaitingVisitor> waiting = new ArrayList<>();
        JsonObject reopened;
        try {
            for (int i = 0; i < 100; i++) {
                waiting.add(new WaitingVisitor("a" + i, http, a.api().base()));
                waiting.add(new WaitingVisitor("b" + i, http, b.api().base()));
            }
            reopened = post(b, "{\"isActive\":false,\"reopenSeconds\":10}");
            Waits.await("everyone's turn", Duration.ofSeconds(20), () -> waiting.stream().allMatch(v -> v.admittedAt > 0));
            Map<Long, Integer> perSecond = new TreeMap<>();
            waiting.forEach(v -> perSecond.merge(v.admittedAt / 1000, 1, Integer::sum));
            int busiest = perSecond.values().stream().max(Integer::compare).orElseThrow();
            System.out.printf("Fleet reopening, 2 x 100 visitors over 10 s: busiest second %d admissions%n", busiest);
            assertTrue(busiest <= 26, "at most 1.3 x the fleet's 20 a second: " + busiest + " in " + perSecond);
        } finally {
            waiting.forEach(WaitingVisitor::close);
        }
        for (ServiceProcess member : List.of(a, b)) {
            JsonObject ended = Waits.await("the end recorded", Duration.ofSeconds(20), () -> member.api().status(),
                    s -> s.getJsonNumber("version").longValue() > reopened.getJsonNumber("version").longValue());
            assertEquals(200, ended.getJsonObject("reopening").getInt("admitted"), "both members' visitors, once");
        }
    }

    /** The one statusUpdate both sockets get within 8 s (the watcher needs 2 probes 1 s apart); the same on both. */
    static JsonObject onlyUpdate(SocketClient onA, SocketClient onB) throws InterruptedException {
        List<SocketClient.Frame> seenOnA = onA.collect("statusUpdate", Duration.ofSeconds(8));
        List<SocketClient.Frame> seenOnB = onB.collect("statusUpdate", Duration.ofMillis(500));
        assertEquals(1, seenOnA.size(), "one update on alpha: " + seenOnA);
        assertEquals(1, seenOnB.size(), "one update on beta: " + seenOnB);
        assertEquals(seenOnA.get(0).data().getJsonNumber("version"), seenOnB.get(0).data().getJsonNumber("version"));
        return seenOnA.get(0).data();
    }
}
