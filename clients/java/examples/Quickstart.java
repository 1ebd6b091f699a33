import com.google.protobuf.Struct;
import com.google.protobuf.Timestamp;
import com.google.protobuf.Value;
import enterprisehub.client.HubClient;
import enterprisehub.client.HubException;
import enterprisehub.client.HubStream;
import enterprisehub.v1.Directory.Enterprise;
import enterprisehub.v1.Exchange.PublishResult;
import enterprisehub.v1.Exchange.WatchFactsRequest;
import enterprisehub.v1.Facts.Fact;
import enterprisehub.v1.Facts.FactDraft;
import java.nio.file.Path;

/** The README's quickstart: a lookup, a publish, a watch and an error. */
public class Quickstart {
    static HubClient client(String identity) {
        Path certs = Path.of(System.getenv("HUB_CERTS"));
        return HubClient.builder(System.getenv("HUB_ADDRESS"))
                .pemFiles(certs.resolve("ca.crt"), certs.resolve(identity + ".crt"), certs.resolve(identity + ".key"))
                .build();
    }

    public static void main(String[] args) {
        try (HubClient tax = client("tax"); HubClient amr = client("amr"); HubClient customs = client("customs")) {
            // 1. A lookup: the merged profile, with every fact the tax bureau may read.
            Enterprise e = tax.getEnterprise("91440115MA5HUB013L", "demo", "tax-0042");
            System.out.println(e.getUscc() + " " + e.getName());
            for (Fact f : e.getFactsList()) {
                System.out.println("  " + f.getFactType() + " by " + f.getPublisher() + ": " + f.getAttributes().getFieldsMap().keySet());
            }

            // 2. A publish, as market regulation (idempotent on the source record id).
            FactDraft draft = FactDraft.newBuilder()
                    .setUscc("91440305MA5HUB021A").setFactType("amr.abnormal_operations")
                    .setAttributes(Struct.newBuilder().putFields("listed", Value.newBuilder().setBoolValue(true).build()))
                    .setEffectiveTime(Timestamp.newBuilder().setSeconds(1795132800))
                    .setSourceRecordId("quickstart-0001").build();
            PublishResult published = amr.publish(draft);
            System.out.println("published sequence " + published.getSequence() + " duplicate " + published.getDuplicate());

            // 3. A watch from just before that fact: resumes by itself across breaks and restarts.
            try (HubStream<Fact> watch = customs.watchFacts(WatchFactsRequest.newBuilder()
                    .setAfterSequence(published.getSequence() - 1).addFactTypes("amr.abnormal_operations")
                    .setPurpose("risk screening").setOfficerId("customs-0003").build())) {
                Fact f = watch.next();
                System.out.println("watched " + f.getSequence() + " " + f.getUscc() + " " + f.getFactType());
            }

            // 4. An error: a read without a purpose is refused, with the field named.
            try {
                tax.getEnterprise("91440115MA5HUB013L", "", "tax-0042");
            } catch (HubException refused) {
                System.out.println("refused: " + refused.code() + " " + refused.reason() + " request " + refused.requestId()
                        + " fields " + refused.fieldViolations());
            }
        }
    }
}
