package org.acupressurecds.decision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.acupressurecds.store.MigratedH2;
import org.acupressurecds.store.RecordStore;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules a decision fired are kept once per distinct list, as ids of the rule-set version's rules, and every
 * decision reads its own rules back, in order, with their guide sections and whether they decided.
 */
class FiredListsTest {

    @TempDir
    Path spool;

    private static final DecisionRecord.FiredRule RESPONDS = new DecisionRecord.FiredRule(
            "Piriformis syndrome responds well to the mat", "Response matrix > Piriformis syndrome", true);
    private static final DecisionRecord.FiredRule HEAT = new DecisionRecord.FiredRule(
            "Heat before the mat session amplifies its effect", "Combine with These Complementary Treatments > Heat",
            false);

    @Test
    void decisionsThatFiredTheSameRulesShareOneListAndEachReadsItsOwnRulesBack() throws Exception {
        JdbcDataSource h2 = MigratedH2.create();
        DecisionRecord first = firing("v1", RESPONDS, HEAT);
        DecisionRecord same = firing("v1", RESPONDS, HEAT);
        DecisionRecord otherOrder = firing("v1", HEAT, RESPONDS);
        DecisionRecord otherVersion = firing("v2", RESPONDS, HEAT);
        DecisionRecord none = firing("v1");

        DecisionRecords records = recordedIn(h2, first, same, otherOrder, otherVersion, none);

        for (DecisionRecord r : List.of(first, same, otherOrder, otherVersion, none)) {
            assertEquals(r.rulesFired(), records.find(r.id(), "a test", "id").orElseThrow().rulesFired(), r.id());
        }
        assertEquals(4, count(h2, "SELECT COUNT(*) FROM fired_list"), "the first two share one; order and version count");
        assertEquals(4, count(h2, "SELECT COUNT(*) FROM ruleset_rule"), "each rule once per version");
    }

    @Test
    void aSearchByRuleFindsTheDecisionsThatFiredItAndByDecidingRuleOnlyThoseItDecided() throws Exception {
        DecisionRecord heatDecided = firing("v1", new DecisionRecord.FiredRule(HEAT.rule(), HEAT.source(), true));
        DecisionRecord heatShaped = firing("v1", RESPONDS, HEAT);
        DecisionRecord neither = firing("v1", RESPONDS);

        DecisionRecords records = recordedIn(MigratedH2.create(), heatDecided, heatShaped, neither);

        assertEquals(List.of(heatDecided.id(), heatShaped.id()).stream().sorted().toList(),
                ids(records.search(new DecisionQuery(null, null, null, null, HEAT.rule(), null, null, null, null, 0,
                        50), "a test", "rule")));
        assertEquals(List.of(heatDecided.id()), ids(records.search(new DecisionQuery(null, null, null, null, null,
                HEAT.rule(), null, null, null, 0, 50), "a test", "decidedBy")));
    }

    /** A record kept in the spool while the store was down names its rules, and is replayed with them. */
    @Test
    void aDecisionSpooledWhileTheStoreWasDownReadsItsRulesBackOnceReplayed() throws Exception {
        JdbcDataSource h2 = MigratedH2.create();
        boolean[] down = {true};
        DataSource store = around(DataSource.class, h2, (method, proceed) -> {
            if (down[0] && method.getName().equals("getConnection")) {
                throw new SQLException("the store is down");
            }
            return proceed.call();
        });
        RecordStore records = new RecordStore(store, "test");
        DecisionRecorder recorder = new DecisionRecorder(records, new Spool(spool, 1_000_000));
        recorder.start(null);
        DecisionRecord spooled = firing("v1", RESPONDS, HEAT);
        recorder.record(spooled);
        assertEquals(1, recorder.spooled());

        down[0] = false;
        recorder.replay();
        recorder.stop(null);

        assertEquals(0, recorder.spooled());
        assertEquals(spooled.rulesFired(), new DecisionRecords(records, new CardRecords(records))
                .find(spooled.id(), "a test", "id").orElseThrow().rulesFired());
    }

    /**
     * Two replicas meet a new list at the same moment: the second's insert of the list fails on the first's, and its
     * second try finds the first's list, so its records are kept in the store, not spooled.
     */
    @Test
    void twoReplicasRegisteringTheSameNewListAtOnceBothUseOneList() throws Exception {
        JdbcDataSource h2 = MigratedH2.create();
        DecisionRecorder first = new DecisionRecorder(new RecordStore(h2, "test"), new Spool(spool.resolve("a"), 1_000));
        DecisionRecorder second = new DecisionRecorder(new RecordStore(h2, "test"), new Spool(spool.resolve("b"), 1_000));
        List<DecisionRecord> records = List.of(firing("v1", RESPONDS, HEAT));
        long[][] firstIds = new long[1][];

        long[] secondIds;
        try (Connection real = h2.getConnection()) {
            boolean[] raced = new boolean[1];
            // The second replica has looked for the list and not found it; just before it adds it, the first does.
            Connection racing = around(Connection.class, real, (method, proceed) -> {
                if (method.getName().equals("prepareStatement") && !raced[0]
                        && ((String) proceed.args()[0]).startsWith("INSERT INTO fired_list (")) {
                    raced[0] = true;
                    try (Connection c = h2.getConnection()) {
                        c.setAutoCommit(false);
                        firstIds[0] = first.registerLists(c, records);
                    }
                }
                return proceed.call();
            });
            racing.setAutoCommit(false);
            secondIds = second.registerLists(racing, records);
            assertTrue(raced[0], "the race happened");
        }

        assertArrayEquals(firstIds[0], secondIds);
        assertEquals(1, count(h2, "SELECT COUNT(*) FROM fired_list"));
    }

    /**
     * A decision whose list is already known costs its batch one commit, not two: on the embedded store every commit
     * is also a CHECKPOINT, so a registration with nothing new commits nothing.
     */
    @Test
    void aDecisionWhoseRulesWereFiredBeforeIsCommittedInOneTransaction() throws Exception {
        JdbcDataSource h2 = MigratedH2.create();
        int[] commits = {0};
        DataSource counting = around(DataSource.class, h2, (method, proceed) -> {
            Object result = proceed.call();
            return !(result instanceof Connection c) ? result : around(Connection.class, c, (m, p) -> {
                if (m.getName().equals("commit")) {
                    commits[0]++;
                }
                return p.call();
            });
        });
        RecordStore store = new RecordStore(counting, "test");
        DecisionRecorder recorder = new DecisionRecorder(store, new Spool(spool, 1_000_000));
        recorder.start(null);

        recorder.record(firing("v1", RESPONDS, HEAT));
        assertEquals(2, commits[0], "a new list is committed on its own, then the decision");
        DecisionRecord again = firing("v1", RESPONDS, HEAT);
        recorder.record(again);
        recorder.stop(null);

        assertEquals(3, commits[0], "the known list adds nothing to commit");
        assertEquals(again.rulesFired(), new DecisionRecords(store, new CardRecords(store))
                .find(again.id(), "a test", "id").orElseThrow().rulesFired());
    }

    /** What a call to a proxy does; proceed.call() passes it on to the object behind. */
    private interface Around {
        Object call(Method method, Proceed proceed) throws Throwable;
    }

    private record Proceed(Object target, Method method, Object[] args) {
        Object call() throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    /** The target behind a proxy of its interface, every call passing through around. */
    private static <T> T around(Class<T> type, T target, Around around) {
        return type.cast(Proxy.newProxyInstance(FiredListsTest.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> around.call(method, new Proceed(target, method, args))));
    }

    /** The decisions recorded as the service records them, every one in the store (none spooled), to be read. */
    private DecisionRecords recordedIn(JdbcDataSource h2, DecisionRecord... decisions) throws InterruptedException {
        RecordStore store = new RecordStore(h2, "test");
        DecisionRecorder recorder = new DecisionRecorder(store, new Spool(spool, 1_000_000));
        recorder.start(null);
        for (DecisionRecord r : decisions) {
            recorder.record(r);
        }
        recorder.stop(null);
        assertEquals(0, recorder.spooled());
        return new DecisionRecords(store, new CardRecords(store));
    }

    private static DecisionRecord firing(String version, DecisionRecord.FiredRule... fired) {
        DecisionRecord d = GroupCommitTest.aDecision();
        return new DecisionRecord(java.util.UUID.randomUUID().toString(), d.decidedAt(), d.channel(), d.requester(),
                version, d.verdict(), d.assessmentDate(), d.facts(), List.of(fired), d.missingData(),
                d.requestDigest(), null);
    }

    private static List<String> ids(DecisionRecords.Page page) {
        return page.decisions().stream().map(DecisionRecords.Summary::id).sorted().toList();
    }

    private static int count(JdbcDataSource h2, String sql) throws SQLException {
        try (Connection c = h2.getConnection(); ResultSet r = c.createStatement().executeQuery(sql)) {
            r.next();
            return r.getInt(1);
        }
    }
}
