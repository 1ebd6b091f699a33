package enterprisehub.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Struct;
import com.google.protobuf.Timestamp;
import com.google.protobuf.Value;
import enterprisehub.v1.AuditOuterClass.AccessRecord;
import enterprisehub.v1.AuditOuterClass.ListAccessRequest;
import enterprisehub.v1.CatalogOuterClass.Grant;
import enterprisehub.v1.CatalogOuterClass.GrantState;
import enterprisehub.v1.CatalogOuterClass.RequestGrantRequest;
import enterprisehub.v1.Directory.Enterprise;
import enterprisehub.v1.Directory.GetEnterpriseRequest;
import enterprisehub.v1.Directory.SearchEnterprisesRequest;
import enterprisehub.v1.Exchange.PublishResult;
import enterprisehub.v1.Exchange.WatchFactsRequest;
import enterprisehub.v1.Facts.Fact;
import enterprisehub.v1.Facts.FactDraft;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/** The conformance scenario of issue 13 against a real hub over mutual TLS. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConformanceTest {
    static final String DEMO = "91440115MA5HUB013L";
    static final String OTHER = "91440305MA5HUB021A";

    TestHub hub;
    HubClient tax;
    HubClient amr;
    HubClient hrss;
    HubClient customs;
    HubClient admin;
    final String correlation = "java-conformance-" + UUID.randomUUID();

    @BeforeAll
    void start() throws Exception {
        hub = new TestHub();
        tax = hub.client("tax");
        amr = hub.client("amr");
        hrss = hub.client("hrss");
        customs = hub.client("customs");
        admin = hub.client("admin");
    }

    @AfterAll
    void stop() throws Exception {
        for (HubClient c : new HubClient[] {tax, amr, hrss, customs, admin}) {
            if (c != null) {
                c.close();
            }
        }
        if (hub != null) {
            hub.close();
        }
    }

    static Timestamp ts(String iso) {
        java.time.Instant i = java.time.Instant.parse(iso);
        return Timestamp.newBuilder().setSeconds(i.getEpochSecond()).build();
    }

    static FactDraft abnormal(String uscc, String recordId) {
        return FactDraft.newBuilder().setUscc(uscc).setFactType("amr.abnormal_operations")
                .setAttributes(Struct.newBuilder()
                        .putFields("listed", Value.newBuilder().setBoolValue(true).build())
                        .putFields("reason", Value.newBuilder().setStringValue("cannot be contacted").build()))
                .setEffectiveTime(ts("2026-11-20T00:00:00Z")).setSourceRecordId(recordId).build();
    }

    @Test
    @Order(1)
    void publishingTwiceStoresOnceWithTheSameSequence() {
        PublishResult first = amr.publish(abnormal(OTHER, "java-abn-0001"));
        PublishResult again = amr.publish(abnormal(OTHER, "java-abn-0001"));
        assertFalse(first.getDuplicate());
        assertTrue(again.getDuplicate());
        assertEquals(first.getSequence(), again.getSequence());
    }

    @Test
    @Order(2)
    void aLookupMergesTheFactsOfSeveralDepartments() {
        Enterprise e = HubClient.call(() -> tax.directory().withOption(HubClient.REQUEST_ID, correlation)
                .getEnterprise(GetEnterpriseRequest.newBuilder().setUscc(DEMO).setPurpose("java conformance")
                        .setOfficerId("tax-0042").build())).getEnterprise();
        assertEquals(DEMO, e.getUscc());
        Set<String> publishers = e.getFactsList().stream().map(Fact::getPublisher).collect(Collectors.toSet());
        assertTrue(publishers.size() >= 2, "publishers: " + publishers);
    }

    @Test
    @Order(3)
    void aRefusedReadIsDecodedIntoItsReasonAndFieldViolation() {
        HubException e = assertThrows(HubException.class, () -> tax.getEnterprise(DEMO, "", "tax-0042"));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.code());
        assertFalse(e.reason().isEmpty());
        assertEquals("enterprisehub.v1", e.domain());
        assertFalse(e.requestId().isEmpty());
        assertTrue(e.fieldViolations().stream().anyMatch(v -> v.field().equals("purpose")), e.fieldViolations().toString());
    }

    @Test
    @Order(4)
    void aGrantApprovedByTheOwnerOpensTheConditionalFact() {
        GetEnterpriseRequest read = GetEnterpriseRequest.newBuilder().setUscc(DEMO).setPurpose("AEO certification checks")
                .setOfficerId("customs-0003").addFactTypes("hrss.insured_headcount").build();
        Enterprise before = customs.getEnterprise(read);
        assertTrue(before.getWithheldFactTypesList().contains("hrss.insured_headcount"));
        Grant asked = customs.requestGrant(RequestGrantRequest.newBuilder().setFactType("hrss.insured_headcount")
                .setPurpose("AEO certification checks").setLegalBasis("Regulation on government data sharing (2025)")
                .setWantedUntil(ts("2027-12-31T00:00:00Z")).build());
        assertEquals(GrantState.GRANT_STATE_PENDING, asked.getState());
        assertTrue(hrss.grantRequests(GrantState.GRANT_STATE_PENDING).anyMatch(g -> g.getId() == asked.getId()));
        Grant decided = hrss.decideGrant(asked.getId(), true, "AEO checks are a listed purpose");
        assertEquals(GrantState.GRANT_STATE_APPROVED, decided.getState());
        Enterprise after = customs.getEnterprise(read);
        assertTrue(after.getFactsList().stream().anyMatch(f -> f.getFactType().equals("hrss.insured_headcount")));
        assertFalse(after.getWithheldFactTypesList().contains("hrss.insured_headcount"));
    }

    @Test
    @Order(5)
    void aSearchIsPagedThroughToTheEnd() {
        List<Enterprise> all = hrss.search(SearchEnterprisesRequest.newBuilder().setZone("hengqin").setPageSize(1)
                .setPurpose("java conformance").setOfficerId("hrss-0007").build()).toList();
        assertTrue(all.size() >= 3, "a page of one, so at least three pages: " + all.size());
        assertEquals(all.size(), all.stream().map(Enterprise::getUscc).distinct().count());
    }

    @Test
    @Order(6)
    void aWatchGoesOnAcrossAHubRestartWithNoGapAndNoDuplicate() throws Exception {
        long start = amr.publish(abnormal(OTHER, "java-watch-start")).getSequence();
        List<FactDraft> before = new ArrayList<>();
        List<FactDraft> after = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            before.add(abnormal(OTHER, "java-watch-a" + i));
            after.add(abnormal(OTHER, "java-watch-b" + i));
        }
        amr.publish(before);
        List<Fact> seen = new ArrayList<>();
        try (HubStream<Fact> watch = customs.watchFacts(WatchFactsRequest.newBuilder().setAfterSequence(start)
                .addFactTypes("amr.abnormal_operations").setPurpose("risk screening").setOfficerId("customs-0003")
                .setHeartbeatSeconds(1).build())) {
            for (int i = 0; i < 5; i++) {
                seen.add(watch.next());
            }
            hub.restart();
            amr.publish(after);
            for (int i = 0; i < 5; i++) {
                seen.add(watch.next());
            }
            assertTrue(watch.reconnects() >= 1, "the watch reconnected");
        }
        List<String> ids = seen.stream().map(Fact::getSourceRecordId).toList();
        List<String> expected = new ArrayList<>();
        before.forEach(f -> expected.add(f.getSourceRecordId()));
        after.forEach(f -> expected.add(f.getSourceRecordId()));
        assertEquals(expected, ids);
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i).getSequence() > seen.get(i - 1).getSequence());
        }
    }

    @Test
    @Order(7)
    void aBulkPublishOfTwentyThousandFactsReportsItsProgress() {
        List<FactDraft> facts = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            facts.add(FactDraft.newBuilder().setUscc(OTHER).setFactType("amr.administrative_penalty")
                    .setAttributes(Struct.newBuilder()
                            .putFields("decision_number", Value.newBuilder().setStringValue("JAVA-BULK-" + i).build())
                            .putFields("decided", Value.newBuilder().setStringValue("2026-11-01").build()))
                    .setEffectiveTime(ts("2026-11-01T00:00:00Z")).setSourceRecordId("java-bulk-" + i).build());
        }
        List<BulkProgress> reports = new ArrayList<>();
        BulkProgress done = amr.bulkPublish(facts, 1000, reports::add);
        assertEquals(20, reports.size());
        assertTrue(done.done());
        assertEquals(20_000, done.factsStored());
        assertEquals(0, done.duplicates());
        for (int i = 1; i < reports.size(); i++) {
            assertTrue(reports.get(i).factsAcknowledged() > reports.get(i - 1).factsAcknowledged());
        }
        BulkProgress again = amr.bulkPublish(facts.subList(0, 2000), 1000, null);
        assertEquals(0, again.factsStored());
        assertEquals(2000, again.duplicates());
    }

    @Test
    @Order(8)
    void theAccessLogShowsTheScenariosReads() {
        List<AccessRecord> records = admin.accessLog(ListAccessRequest.newBuilder().setUscc(DEMO).setPageSize(10).build()).toList();
        assertTrue(records.stream().anyMatch(r -> r.getCorrelationId().equals(correlation) && r.getDepartment().equals("tax")),
                "the lookup sent with x-request-id " + correlation);
        assertTrue(records.stream().anyMatch(r -> r.getDepartment().equals("customs")
                && r.getFactTypesList().contains("hrss.insured_headcount")), "customs' read under the grant");
        Set<String> requestIds = new HashSet<>();
        records.forEach(r -> requestIds.add(r.getRequestId()));
        assertNotEquals(0, requestIds.size());
    }
}
